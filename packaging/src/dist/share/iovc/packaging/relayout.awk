# For packagers: prints bin/iovc with its layout block (the lines from "# >>> layout" to
# "# <<< layout") replaced by the file named in -v layout=FILE, which sets IOVC_HOME, cds_shared
# and examples to the package's fixed paths. Exit 3 when the block is missing or not single.
#   awk -v layout=layout.sh -f share/iovc/packaging/relayout.awk bin/iovc > /usr/bin/iovc
# Used by the Debian package (packaging/debian/build-deb.sh) and the FreeBSD port.
/^# >>> layout/ {
	if (inside || done) exit 3
	inside = 1
	while ((getline l < layout) > 0) print l
	next
}
/^# <<< layout/ {
	if (!inside) exit 3
	inside = 0
	done = 1
	next
}
!inside { print }
END { if (!done || inside) exit 3 }
