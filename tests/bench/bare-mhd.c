/*
 * bare-mhd.c - a baseline for tests/bench/collector.sh, not part of
 * sigsurvey: libmicrohttpd alone answering every request with the bytes
 * of one file, kept in memory, with the daemon options `sigsurvey serve`
 * uses (epoll, 2 threads, 16 KiB per connection). What it costs per
 * request is the floor the library sets for the collector's form page.
 *
 *   bare-mhd FILE PORT-FILE    listens on 127.0.0.1, a free port, which
 *                              it writes to PORT-FILE; stops on SIGTERM
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *page;
static size_t page_len;

static enum MHD_Result answer(void *cls, struct MHD_Connection *c,
			      const char *url, const char *method,
			      const char *version, const char *data,
			      size_t *size, void **state)
{
	struct MHD_Response *r;
	enum MHD_Result ret;

	(void)cls; (void)url; (void)method; (void)version; (void)data;
	(void)size;
	if (!*state) {          /* headers only: answer on the next call */
		*state = c;
		return MHD_YES;
	}
	r = MHD_create_response_from_buffer(page_len, page,
					    MHD_RESPMEM_PERSISTENT);
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", "text/html; charset=utf-8");
	ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

int main(int argc, char **argv)
{
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	sigset_t sigs;
	FILE *f;
	int sig;

	if (argc != 3) {
		fprintf(stderr, "usage: bare-mhd FILE PORT-FILE\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	page = malloc(1 << 20);
	if (!f || !page)
		return 1;
	page_len = fread(page, 1, 1 << 20, f);
	fclose(f);
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD, 0, NULL, NULL,
			     answer, NULL,
			     MHD_OPTION_SOCK_ADDR, &(struct sockaddr_in){
				     .sin_family = AF_INET,
				     .sin_addr.s_addr = htonl(INADDR_LOOPBACK) },
			     MHD_OPTION_THREAD_POOL_SIZE, 2,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)16384,
			     MHD_OPTION_END);
	if (!d)
		return 1;
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	f = fopen(argv[2], "w");
	if (!info || !f)
		return 1;
	fprintf(f, "%u\n", (unsigned)info->port);
	fclose(f);
	sigwait(&sigs, &sig);
	MHD_stop_daemon(d);
	free(page);
	return 0;
}
