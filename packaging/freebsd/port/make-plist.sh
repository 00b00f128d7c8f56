#!/bin/sh
# Prints the port's pkg-plist for an unpacked distribution (dist/iovc-VERSION): what do-install
# in the Makefile stages. packaging/test/port-test.sh checks pkg-plist against it, so a new or
# updated jar cannot leave the port behind.
#   packaging/freebsd/port/make-plist.sh dist/iovc-VERSION > packaging/freebsd/port/pkg-plist
set -eu
dist=$1
[ -x "$dist/bin/iovc" ] || { echo "make-plist: $dist is not an unpacked distribution" >&2; exit 2; }
{
	echo bin/iovc
	echo etc/rc.d/iovc
	echo %%DATADIR%%/bin/iovc
	for f in "$dist"/share/iovc/examples/*.conf; do echo "%%DATADIR%%/examples/${f##*/}"; done
	for d in lib lib/ext plugins; do
		for f in "$dist/$d"/*.jar; do echo "%%DATADIR%%/$d/${f##*/}"; done
	done
	echo %%DATADIR%%/lib/plugins.idx
	echo share/bash-completion/completions/iovc
	echo share/man/man8/iovc.8.gz
	echo share/zsh/site-functions/_iovc
} | LC_ALL=C sort
# the class-data archives root's runs leave in /var/cache/iovc are not pkg's files
echo '@preunexec rm -f /var/cache/iovc/iovc-jdk*.jsa /var/cache/iovc/iovc-jdk*.aot /var/cache/iovc/iovc-jdk*.tmp'
echo '@dir /var/cache/iovc'
