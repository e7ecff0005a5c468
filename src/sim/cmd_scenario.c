/* hypsim scenario run | bless: the regression suite of boot scenarios.
 *
 *   hypsim scenario run [-j N] [--junit FILE] [--images DIR] PATH...
 *   hypsim scenario bless [--images DIR] PATH...
 *
 * PATH is a scenario file or a folder of them (*.ini). Each scenario runs
 * in its own process (forked), so a scenario that brings hypsim down fails
 * alone and -j N runs N at once. Exit: 0 all passed, 1 some failed, 2 bad
 * input (an unreadable or invalid scenario file, an image that is missing
 * or does not load, a hang_at symbol the image lacks). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sim/commands.h"
#include "sim/scenario.h"

struct job {
	char path[PATH_MAX];
	pid_t pid;
	int fd;
	char *out; /* what the child reported */
	size_t out_len;
	bool done, pass;
	char name[128];
	double seconds;
};

static void default_images_dir(char *buf, size_t len)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0) {
		snprintf(buf, len, "tests/images");
		return;
	}
	exe[n] = 0;
	snprintf(buf, len, "%s/tests/images", dirname(exe));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Expand files and folders into a list of scenario files. */
static bool collect(const char *path, char ***list, size_t *n)
{
	DIR *d = opendir(path);
	if (!d) {
		if (errno != ENOTDIR) {
			if (access(path, R_OK) != 0) {
				fprintf(stderr, "hypsim scenario: %s: %s\n", path,
					strerror(errno));
				return false;
			}
		}
		*list = realloc(*list, (*n + 1) * sizeof **list);
		(*list)[(*n)++] = strdup(path);
		return true;
	}
	size_t start = *n;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (l < 5 || strcmp(e->d_name + l - 4, ".ini"))
			continue;
		char *p = NULL;
		size_t pl = strlen(path);
		if (asprintf(&p, "%s%s%s", path,
			     pl && path[pl - 1] == '/' ? "" : "/", e->d_name) < 0)
			continue;
		*list = realloc(*list, (*n + 1) * sizeof **list);
		(*list)[(*n)++] = p;
	}
	closedir(d);
	qsort(*list + start, *n - start, sizeof **list, cmp_str);
	return true;
}

/* Child: parse, run, write "VERDICT name insns seconds\nreason\n\ndetails"
 * where VERDICT is PASS, FAIL or ERROR (the scenario could not be run as
 * written). */
static int child_run(const char *path, const char *images_dir, int fd)
{
	struct scenario *s = calloc(1, sizeof *s);
	char err[512];
	FILE *out = fdopen(fd, "w");
	if (!s || !out)
		return 2;
	if (!scenario_parse(s, path, images_dir, err, sizeof err)) {
		fprintf(out, "ERROR %s 0 0\n%s\n\n", path, err);
		fclose(out);
		return 2;
	}
	struct scenario_result r;
	scenario_run(s, NULL, &r);
	fprintf(out, "%s %s %llu %.3f\n%s%s%s\n\n",
		r.error ? "ERROR" : r.pass ? "PASS" : "FAIL", s->name,
		(unsigned long long)r.insns, r.seconds, r.error ? s->path : "",
		r.error ? ": " : "", r.reason);
	fprintf(out, "%s", r.details ? r.details : "");
	fclose(out);
	free(r.details);
	free(s);
	return r.error ? 2 : r.pass ? 0 : 1;
}

static void start_job(struct job *j, const char *images_dir)
{
	int p[2];
	if (pipe(p) != 0) {
		j->done = true;
		return;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		_exit(child_run(j->path, images_dir, p[1]));
	}
	close(p[1]);
	j->pid = pid;
	j->fd = p[0];
}

static void finish_job(struct job *j)
{
	FILE *f = fdopen(j->fd, "r");
	char buf[4096];
	size_t n;
	FILE *mem = open_memstream(&j->out, &j->out_len);
	while (f && (n = fread(buf, 1, sizeof buf, f)) > 0)
		fwrite(buf, 1, n, mem);
	if (f)
		fclose(f);
	fclose(mem);
	int status = 0;
	waitpid(j->pid, &status, 0);
	j->done = true;
	char verdict[8] = "", name[128] = "";
	unsigned long long insns = 0;
	double secs = 0;
	if (!j->out || sscanf(j->out, "%7s %127s %llu %lf", verdict, name, &insns,
			      &secs) < 4) {
		/* the child died without reporting: a simulator crash */
		free(j->out);
		if (asprintf(&j->out, "FAIL %s 0 0\nhypsim died (status 0x%x)\n\n",
			     j->path, status) < 0)
			j->out = NULL;
		const char *base = strrchr(j->path, '/');
		snprintf(name, sizeof name, "%.120s", base ? base + 1 : j->path);
	}
	j->pass = !strcmp(verdict, "PASS");
	snprintf(j->name, sizeof j->name, "%s", name);
	j->seconds = secs;
}

static void print_job(const struct job *j, bool verbose_fail)
{
	if (!j->out)
		return;
	char verdict[8] = "", name[128] = "";
	unsigned long long insns = 0;
	double secs = 0;
	sscanf(j->out, "%7s %127s %llu %lf", verdict, name, &insns, &secs);
	const char *reason = strchr(j->out, '\n');
	reason = reason ? reason + 1 : "";
	const char *details = strstr(reason, "\n\n");
	int rlen = details ? (int)(details - reason) : (int)strlen(reason);
	printf("%-5s %-40s %12llu insns %8.2fs", verdict, name, insns, secs);
	if (!j->pass)
		printf("  %.*s", rlen, reason);
	printf("\n");
	if (!j->pass && verbose_fail && details && details[2])
		printf("%s\n", details + 2);
}

static void xml_escape(FILE *f, const char *s, size_t n)
{
	for (size_t i = 0; i < n && s[i]; i++) {
		switch (s[i]) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default:
			if ((unsigned char)s[i] >= 0x20 || s[i] == '\n' || s[i] == '\t')
				fputc(s[i], f);
		}
	}
}

static void write_junit(const char *path, struct job *jobs, size_t n)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "hypsim scenario: cannot write %s: %s\n", path,
			strerror(errno));
		return;
	}
	size_t failures = 0;
	for (size_t i = 0; i < n; i++)
		failures += !jobs[i].pass;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		   "<testsuite name=\"hypsim-scenarios\" tests=\"%zu\" "
		   "failures=\"%zu\">\n", n, failures);
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "  <testcase classname=\"scenario\" name=\"");
		xml_escape(f, jobs[i].name, sizeof jobs[i].name);
		fprintf(f, "\" time=\"%.3f\"", jobs[i].seconds);
		if (jobs[i].pass) {
			fprintf(f, "/>\n");
			continue;
		}
		const char *reason = jobs[i].out ? strchr(jobs[i].out, '\n') : NULL;
		reason = reason ? reason + 1 : "";
		const char *end = strchr(reason, '\n');
		fprintf(f, ">\n    <failure message=\"");
		xml_escape(f, reason, end ? (size_t)(end - reason) : strlen(reason));
		fprintf(f, "\">");
		if (jobs[i].out)
			xml_escape(f, jobs[i].out, strlen(jobs[i].out));
		fprintf(f, "</failure>\n  </testcase>\n");
	}
	fprintf(f, "</testsuite>\n");
	fclose(f);
}

static int scenario_usage(void)
{
	fprintf(stderr,
		"usage: hypsim scenario run [-j N] [--junit FILE] [--images DIR] PATH...\n"
		"       hypsim scenario bless [--images DIR] PATH...\n");
	return 2;
}

static int do_bless(char **files, size_t n, const char *images_dir)
{
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		struct scenario *s = calloc(1, sizeof *s);
		char err[512];
		if (!s || !scenario_parse(s, files[i], images_dir, err, sizeof err)) {
			fprintf(stderr, "hypsim scenario: %s\n", s ? err : "out of memory");
			free(s);
			return 2;
		}
		if (!s->golden_trace[0]) {
			fprintf(stderr, "hypsim scenario: %s has no golden_trace to "
					"bless\n", files[i]);
			free(s);
			return 2;
		}
		struct scenario_result r;
		scenario_run(s, s->golden_trace, &r);
		if (r.error) {
			fprintf(stderr, "hypsim scenario: %s: %s\n", files[i],
				r.reason);
			free(r.details);
			free(s);
			return 2;
		}
		printf("%s %s -> %s (%llu instructions)%s%s\n",
		       r.pass ? "BLESSED" : "BLESSED (run did not pass!)", s->name,
		       s->golden_trace, (unsigned long long)r.insns,
		       r.pass ? "" : ": ", r.pass ? "" : r.reason);
		if (!r.pass)
			rc = 1;
		free(r.details);
		free(s);
	}
	return rc;
}

int cmd_scenario(int argc, char **argv)
{
	if (argc < 2)
		return scenario_usage();
	bool bless = !strcmp(argv[1], "bless");
	if (!bless && strcmp(argv[1], "run"))
		return scenario_usage();
	char images_dir[PATH_MAX];
	default_images_dir(images_dir, sizeof images_dir);
	const char *junit = NULL;
	unsigned jobs_max = 1;
	char **files = NULL;
	size_t n = 0;
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--images") && i + 1 < argc) {
			snprintf(images_dir, sizeof images_dir, "%s", argv[++i]);
		} else if (!strcmp(argv[i], "--junit") && i + 1 < argc) {
			junit = argv[++i];
		} else if (!strncmp(argv[i], "-j", 2)) {
			const char *v = argv[i][2] ? argv[i] + 2 : (i + 1 < argc ? argv[++i] : "");
			char *end;
			long j = strtol(v, &end, 10);
			if (*end || j < 1 || j > 256)
				return scenario_usage();
			jobs_max = (unsigned)j;
		} else if (argv[i][0] == '-') {
			return scenario_usage();
		} else if (!collect(argv[i], &files, &n)) {
			return 2;
		}
	}
	if (n == 0) {
		fprintf(stderr, "hypsim scenario: no scenario files given\n");
		return 2;
	}
	if (bless) {
		int rc = do_bless(files, n, images_dir);
		for (size_t i = 0; i < n; i++)
			free(files[i]);
		free(files);
		return rc;
	}

	struct job *jobs = calloc(n, sizeof *jobs);
	size_t next = 0, running = 0, finished = 0;
	int rc = 0;
	while (finished < n) {
		while (running < jobs_max && next < n) {
			snprintf(jobs[next].path, sizeof jobs[next].path, "%s", files[next]);
			start_job(&jobs[next], images_dir);
			next++;
			running++;
		}
		/* Drain whichever child speaks first, to its end: a child
		 * never blocks on a full pipe for long. */
		struct pollfd pfd[256];
		size_t idx[256], np = 0;
		for (size_t i = 0; i < next && np < 256; i++) {
			if (!jobs[i].done) {
				pfd[np].fd = jobs[i].fd;
				pfd[np].events = POLLIN;
				idx[np++] = i;
			}
		}
		if (poll(pfd, np, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (size_t k = 0; k < np; k++) {
			if (!(pfd[k].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			struct job *j = &jobs[idx[k]];
			finish_job(j);
			if (j->out && !strncmp(j->out, "ERROR", 5))
				rc = 2;
			else if (!j->pass && rc == 0)
				rc = 1;
			print_job(j, true);
			fflush(stdout);
			running--;
			finished++;
			break;
		}
	}
	size_t passed = 0;
	for (size_t i = 0; i < n; i++)
		passed += jobs[i].pass;
	printf("%zu of %zu scenarios passed\n", passed, n);
	if (junit)
		write_junit(junit, jobs, n);
	for (size_t i = 0; i < n; i++) {
		free(jobs[i].out);
		free(files[i]);
	}
	free(jobs);
	free(files);
	return rc;
}
