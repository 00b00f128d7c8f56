# >>> layout: the Debian package's (packaging/debian/build-deb.sh put these lines into
# /usr/bin/iovc in place of the source launcher's). /usr/share is read-only for everyone but dpkg:
# the class-data archive goes to /var/cache/iovc when root runs iovc (the boot unit, an admin),
# and every user reads it from there while it is current; other users who find none make their
# own in ~/.cache/iovc. The package's postrm deletes /var/cache/iovc's archives.
IOVC_HOME=/usr/share/iovc
cds_shared=/var/cache/iovc
examples=/usr/share/iovc/examples
# <<< layout
