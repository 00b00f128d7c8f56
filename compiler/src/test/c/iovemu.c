/*
 * iovemu: a C library that stands in for libc under iovc's FreeBSD backend (IOVC_LIBC), so the
 * real jnr-ffi marshalling can be tested on any host. It exports open, ioctl and close and
 * emulates FreeBSD's /dev/iov/<pf> nodes (sys/dev/pci/pci_iov.c); every other path and file
 * descriptor goes to the real C library.
 *
 * State lives in a directory: iovemu_setup(dir), else the environment variable IOVEMU_DIR.
 *
 *   DIR/log                     one line per call: request code, struct fields, result
 *   DIR/dev/<name>/             the node /dev/iov/<name> exists
 *   DIR/dev/<name>/schema.bin   what IOV_GET_SCHEMA returns (two-call protocol, EMSGSIZE in arg.error)
 *   DIR/dev/<name>/config.bin   written: the exact bytes of the last IOV_CONFIG
 *   DIR/dev/<name>/vfs          present while the PF has VFs (IOV_CONFIG creates it, IOV_DELETE removes it)
 *   DIR/dev/<name>/max_config   hw.pci.iov_max_config: longer configs get EMSGSIZE
 *   DIR/dev/<name>/fail.open    an errno name (EACCES, ENXIO…): open fails with it
 *   DIR/dev/<name>/fail.schema  IOV_GET_SCHEMA fails with it
 *   DIR/dev/<name>/schema.error IOV_GET_SCHEMA returns 0 but puts this errno in arg.error
 *   DIR/dev/<name>/fail.config  IOV_CONFIG fails with it (checked after EBUSY and EMSGSIZE)
 *   DIR/dev/<name>/fail.delete  IOV_DELETE fails with it
 *
 * Request codes and struct layouts are derived here from FreeBSD's <sys/ioccom.h> and
 * <sys/iov.h> definitions for the host's data model; a request iovemu does not know gets EINVAL,
 * as pci_iov_ioctl answers.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* <sys/ioccom.h> */
#define EMU_IOCPARM_MASK 0x1fff
#define EMU_IOC_VOID 0x20000000UL
#define EMU_IOC_OUT 0x40000000UL
#define EMU_IOC_IN 0x80000000UL
#define EMU_IOC_INOUT (EMU_IOC_IN | EMU_IOC_OUT)
#define EMU_IOC(inout, group, num, len) \
	((unsigned long)((inout) | (((len) & EMU_IOCPARM_MASK) << 16) | ((group) << 8) | (num)))

/* <sys/iov.h> */
struct pci_iov_arg {
	void *config;
	size_t len;
};

struct pci_iov_schema {
	void *schema;
	size_t len;
	int error;
};

#define EMU_IOV_CONFIG EMU_IOC(EMU_IOC_IN, 'p', 10, sizeof(struct pci_iov_arg))
#define EMU_IOV_DELETE EMU_IOC(EMU_IOC_VOID, 'p', 11, 0)
#define EMU_IOV_GET_SCHEMA EMU_IOC(EMU_IOC_INOUT, 'p', 12, sizeof(struct pci_iov_schema))

#define FD_BASE 7000
#define MAX_FDS 64
#define NAME_MAX_EMU 256

static char emu_dir[4096];
static char fds[MAX_FDS][NAME_MAX_EMU]; /* device name per emulated fd; "" = free */

/* ------------------------------------------------------------------ control */

void
iovemu_setup(const char *dir)
{
	snprintf(emu_dir, sizeof(emu_dir), "%s", dir == NULL ? "" : dir);
	memset(fds, 0, sizeof(fds));
}

/* Sizes and request codes as this build of iovemu derived them, for the tests. */
void
iovemu_abi(long *out)
{
	out[0] = (long)sizeof(struct pci_iov_arg);
	out[1] = (long)sizeof(struct pci_iov_schema);
	out[2] = (long)offsetof(struct pci_iov_schema, error);
	out[3] = (long)EMU_IOV_CONFIG;
	out[4] = (long)EMU_IOV_DELETE;
	out[5] = (long)EMU_IOV_GET_SCHEMA;
}

static const char *
dir(void)
{
	if (emu_dir[0] != '\0')
		return emu_dir;
	const char *e = getenv("IOVEMU_DIR");
	return e == NULL ? "" : e;
}

static const struct {
	const char *name;
	int value;
} errnos[] = {
	{ "EPERM", EPERM }, { "ENOENT", ENOENT }, { "EIO", EIO }, { "ENXIO", ENXIO },
	{ "ECHILD", ECHILD }, { "ENOMEM", ENOMEM }, { "EACCES", EACCES }, { "EFAULT", EFAULT },
	{ "EBUSY", EBUSY }, { "ENODEV", ENODEV }, { "EINVAL", EINVAL }, { "ENOTTY", ENOTTY },
	{ "ENOSPC", ENOSPC }, { "EMSGSIZE", EMSGSIZE }, { "EAGAIN", EAGAIN }, { "EOPNOTSUPP", EOPNOTSUPP },
	{ NULL, 0 }
};

static int
errno_by_name(const char *s)
{
	for (int i = 0; errnos[i].name != NULL; i++)
		if (strncmp(s, errnos[i].name, strlen(errnos[i].name)) == 0 &&
		    (s[strlen(errnos[i].name)] == '\0' || s[strlen(errnos[i].name)] == '\n' ||
		    s[strlen(errnos[i].name)] == ' '))
			return errnos[i].value;
	return atoi(s) > 0 ? atoi(s) : EIO;
}

static const char *
errno_name(int e)
{
	static char buf[32];
	for (int i = 0; errnos[i].name != NULL; i++)
		if (errnos[i].value == e)
			return errnos[i].name;
	snprintf(buf, sizeof(buf), "errno%d", e);
	return buf;
}

static void
logf_(const char *fmt, ...)
{
	char path[4200];
	snprintf(path, sizeof(path), "%s/log", dir());
	FILE *f = fopen(path, "a");
	if (f == NULL)
		return;
	va_list ap;
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	fclose(f);
}

static void
devpath(char *buf, size_t size, const char *dev, const char *file)
{
	snprintf(buf, size, "%s/dev/%s%s%s", dir(), dev, file == NULL ? "" : "/", file == NULL ? "" : file);
}

/* The contents of DIR/dev/<dev>/<file>, NUL-terminated, or NULL; *len gets the size. */
static char *
readfile(const char *dev, const char *file, size_t *len)
{
	char path[4400];
	devpath(path, sizeof(path), dev, file);
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap + 1);
	size_t r;
	while ((r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			cap *= 2;
			buf = realloc(buf, cap + 1);
		}
	}
	fclose(f);
	buf[n] = '\0';
	if (len != NULL)
		*len = n;
	return buf;
}

static int
exists(const char *dev, const char *file)
{
	char path[4400];
	struct stat st;
	devpath(path, sizeof(path), dev, file);
	return stat(path, &st) == 0;
}

static void
writefile(const char *dev, const char *file, const void *data, size_t len)
{
	char path[4400];
	devpath(path, sizeof(path), dev, file);
	FILE *f = fopen(path, "wb");
	if (f == NULL)
		return;
	if (len > 0)
		fwrite(data, 1, len, f);
	fclose(f);
}

static void
removefile(const char *dev, const char *file)
{
	char path[4400];
	devpath(path, sizeof(path), dev, file);
	unlink(path);
}

/* The errno named in DIR/dev/<dev>/<file>, or 0. */
static int
failure(const char *dev, const char *file)
{
	char *s = readfile(dev, file, NULL);
	if (s == NULL)
		return 0;
	int e = errno_by_name(s);
	free(s);
	return e;
}

/* ------------------------------------------------------------------ the real libc */

static int (*real_open)(const char *, int, ...);
static int (*real_ioctl)(int, unsigned long, ...);
static int (*real_close)(int);

static void
resolve(void)
{
	if (real_open == NULL)
		real_open = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
	if (real_ioctl == NULL)
		real_ioctl = (int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT, "ioctl");
	if (real_close == NULL)
		real_close = (int (*)(int))dlsym(RTLD_NEXT, "close");
}

static const char *
emulated(int fd)
{
	if (fd < FD_BASE || fd >= FD_BASE + MAX_FDS || fds[fd - FD_BASE][0] == '\0')
		return NULL;
	return fds[fd - FD_BASE];
}

/* ------------------------------------------------------------------ open / close */

int
open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	if (strncmp(path, "/dev/iov/", 9) != 0) {
		resolve();
		if (real_open == NULL) {
			errno = ENOSYS;
			return -1;
		}
		return real_open(path, flags, mode);
	}
	const char *name = path + 9;
	int e = 0;
	if (name[0] == '\0' || strchr(name, '/') != NULL || strlen(name) >= NAME_MAX_EMU || !exists(name, NULL))
		e = ENOENT;
	else
		e = failure(name, "fail.open");
	if (e != 0) {
		logf_("open path=%s flags=0x%x -> -1 %s", path, flags, errno_name(e));
		errno = e;
		return -1;
	}
	for (int i = 0; i < MAX_FDS; i++) {
		if (fds[i][0] == '\0') {
			snprintf(fds[i], NAME_MAX_EMU, "%s", name);
			logf_("open path=%s flags=0x%x -> fd=%d", path, flags, FD_BASE + i);
			return FD_BASE + i;
		}
	}
	logf_("open path=%s flags=0x%x -> -1 EMFILE", path, flags);
	errno = EMFILE;
	return -1;
}

int
close(int fd)
{
	const char *dev = emulated(fd);
	if (dev == NULL) {
		resolve();
		return real_close == NULL ? -1 : real_close(fd);
	}
	logf_("close fd=%d dev=%s -> 0", fd, dev);
	fds[fd - FD_BASE][0] = '\0';
	return 0;
}

/* ------------------------------------------------------------------ ioctl */

static int
fail(int e)
{
	errno = e;
	return -1;
}

static int
get_schema(int fd, const char *dev, unsigned long req, struct pci_iov_schema *arg)
{
	char in[160];
	snprintf(in, sizeof(in), "schema=%s len=%zu error=%d", arg->schema == NULL ? "NULL" : "PTR", arg->len, arg->error);
	int e = failure(dev, "fail.schema");
	if (e != 0) {
		logf_("ioctl fd=%d dev=%s req=0x%lx IOV_GET_SCHEMA in: %s -> -1 %s", fd, dev, req, in, errno_name(e));
		return fail(e);
	}
	size_t size = 0;
	char *blob = readfile(dev, "schema.bin", &size);
	int forced = failure(dev, "schema.error");
	/* pci_iov_get_schema_ioctl: copy out only when it fits; EMSGSIZE goes in arg->error. */
	if (size <= arg->len && forced == 0) {
		if (size > 0)
			memcpy(arg->schema, blob, size);
		arg->error = 0;
	} else {
		arg->error = forced != 0 && size <= arg->len ? forced : EMSGSIZE;
	}
	arg->len = size;
	free(blob);
	logf_("ioctl fd=%d dev=%s req=0x%lx IOV_GET_SCHEMA in: %s -> 0 out: len=%zu error=%s", fd, dev, req, in,
	    arg->len, arg->error == 0 ? "0" : errno_name(arg->error));
	return 0;
}

static int
config(int fd, const char *dev, unsigned long req, struct pci_iov_arg *arg)
{
	writefile(dev, "config.bin", arg->config, arg->len);
	char in[120];
	snprintf(in, sizeof(in), "config=%s len=%zu", arg->config == NULL ? "NULL" : "PTR", arg->len);
	int e = 0;
	if (exists(dev, "vfs"))
		e = EBUSY;
	if (e == 0) {
		char *max = readfile(dev, "max_config", NULL);
		if (max != NULL && arg->len > (size_t)strtoull(max, NULL, 10))
			e = EMSGSIZE;
		free(max);
	}
	if (e == 0)
		e = failure(dev, "fail.config");
	if (e != 0) {
		logf_("ioctl fd=%d dev=%s req=0x%lx IOV_CONFIG in: %s -> -1 %s", fd, dev, req, in, errno_name(e));
		return fail(e);
	}
	writefile(dev, "vfs", "1\n", 2);
	logf_("ioctl fd=%d dev=%s req=0x%lx IOV_CONFIG in: %s -> 0", fd, dev, req, in);
	return 0;
}

static int
delete(int fd, const char *dev, unsigned long req, void *arg)
{
	int e = failure(dev, "fail.delete");
	if (e == 0 && !exists(dev, "vfs"))
		e = ECHILD;
	if (e != 0) {
		logf_("ioctl fd=%d dev=%s req=0x%lx IOV_DELETE arg=%s -> -1 %s", fd, dev, req, arg == NULL ? "NULL" : "PTR", errno_name(e));
		return fail(e);
	}
	removefile(dev, "vfs");
	logf_("ioctl fd=%d dev=%s req=0x%lx IOV_DELETE arg=%s -> 0", fd, dev, req, arg == NULL ? "NULL" : "PTR");
	return 0;
}

int
ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	va_start(ap, req);
	void *arg = va_arg(ap, void *);
	va_end(ap);
	const char *dev = emulated(fd);
	if (dev == NULL) {
		resolve();
		return real_ioctl == NULL ? fail(ENOSYS) : real_ioctl(fd, req, arg);
	}
	if (req == EMU_IOV_GET_SCHEMA)
		return get_schema(fd, dev, req, arg);
	if (req == EMU_IOV_CONFIG)
		return config(fd, dev, req, arg);
	if (req == EMU_IOV_DELETE)
		return delete(fd, dev, req, arg);
	logf_("ioctl fd=%d dev=%s req=0x%lx UNKNOWN -> -1 EINVAL", fd, dev, req);
	return fail(EINVAL);
}
