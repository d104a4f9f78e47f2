// Writes DIR as a tar on stdout with Go's archive/tar, the writer Podman's checkpoint export uses
// (through containers/storage's archive package: tar.FileInfoHeader per file, the format left for
// archive/tar to choose, so USTAR where it fits and PAX records only where a name or value needs
// them). For bench/tar-readers: a tar shaped as Podman writes one, without Podman.
package main

import (
	"archive/tar"
	"io"
	"os"
	"path/filepath"
)

func main() {
	root, prefix := os.Args[1], os.Args[2]
	tw := tar.NewWriter(os.Stdout)
	err := filepath.Walk(root, func(path string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		name := filepath.ToSlash(filepath.Join(prefix, rel))
		hdr, err := tar.FileInfoHeader(fi, "")
		if err != nil {
			return err
		}
		hdr.Name = name
		if fi.IsDir() {
			hdr.Name += "/"
		}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if fi.Mode().IsRegular() {
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = io.Copy(tw, f)
			return err
		}
		return nil
	})
	if err == nil {
		err = tw.Close()
	}
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(1)
	}
}
