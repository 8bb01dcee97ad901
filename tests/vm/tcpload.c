/* tcpload - TCP workloads for the VM tier's guests, where there is no Python.
 *
 * usage: tcpload bulk ADDR PORT SECONDS   one client sends to a forked server
 *        tcpload rr ADDR PORT COUNT       COUNT 100-byte requests, echoed back
 *
 * Prints "conn LADDR LPORT RADDR RPORT" (the client's side) once connected,
 * and "done" at the end. The client waits until all it sent is acknowledged
 * before closing. Loopback only: ADDR is 127.0.0.1 or ::1.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef SIOCOUTQ
#define SIOCOUTQ 0x5411
#endif

static void fail(const char *what)
{
	perror(what);
	exit(1);
}

static socklen_t addr(const char *host, int port, struct sockaddr_storage *ss)
{
	struct sockaddr_in *a = (void *)ss;
	struct sockaddr_in6 *b = (void *)ss;

	memset(ss, 0, sizeof *ss);
	if (inet_pton(AF_INET, host, &a->sin_addr) == 1) {
		a->sin_family = AF_INET, a->sin_port = htons(port);
		return sizeof *a;
	}
	if (inet_pton(AF_INET6, host, &b->sin6_addr) != 1)
		fail("address");
	b->sin6_family = AF_INET6, b->sin6_port = htons(port);
	return sizeof *b;
}

static void show(const char *tag, struct sockaddr_storage *ss)
{
	char h[INET6_ADDRSTRLEN];
	int port;

	if (ss->ss_family == AF_INET) {
		struct sockaddr_in *a = (void *)ss;
		inet_ntop(AF_INET, &a->sin_addr, h, sizeof h), port = ntohs(a->sin_port);
	} else {
		struct sockaddr_in6 *b = (void *)ss;
		inet_ntop(AF_INET6, &b->sin6_addr, h, sizeof h), port = ntohs(b->sin6_port);
	}
	printf("%s%s %d", tag, h, port);
}

int main(int argc, char **argv)
{
	struct sockaddr_storage ss, l, r;
	socklen_t n, ln = sizeof l, rn = sizeof r;
	static char buf[16384];
	int one = 1, s, c, k, rr, arg, q;
	pid_t pid;
	time_t end;

	if (argc != 5 || (strcmp(argv[1], "bulk") && strcmp(argv[1], "rr")))
		fprintf(stderr, "usage: tcpload bulk|rr ADDR PORT ARG\n"), exit(2);
	rr = !strcmp(argv[1], "rr"), arg = atoi(argv[4]);
	n = addr(argv[2], atoi(argv[3]), &ss);
	if ((s = socket(ss.ss_family, SOCK_STREAM, 0)) < 0
	    || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0
	    || bind(s, (void *)&ss, n) < 0 || listen(s, 8) < 0)
		fail("listen");
	if ((pid = fork()) == 0) {              /* server: sink or echo */
		alarm(120);
		if ((c = accept(s, NULL, NULL)) < 0)
			fail("accept");
		setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
		while ((k = read(c, buf, sizeof buf)) > 0)
			if (rr && write(c, buf, k) != k)
				fail("echo");
		_exit(0);
	}
	alarm(120);
	if ((c = socket(ss.ss_family, SOCK_STREAM, 0)) < 0 || connect(c, (void *)&ss, n) < 0)
		fail("connect");
	setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	getsockname(c, (void *)&l, &ln), getpeername(c, (void *)&r, &rn);
	show("conn ", &l), show(" ", &r), printf("\n"), fflush(stdout);
	if (rr) {
		for (k = 0; k < arg; k++) {
			int got = 0, m;
			if (write(c, buf, 100) != 100)
				fail("request");
			while (got < 100 && (m = read(c, buf, 100 - got)) > 0)
				got += m;
		}
	} else
		for (end = time(NULL) + arg; time(NULL) < end;)
			if (write(c, buf, sizeof buf) < 0)
				fail("send");
	for (end = time(NULL) + 30; !ioctl(c, SIOCOUTQ, &q) && q && time(NULL) < end;)
		usleep(10000);
	close(c);
	waitpid(pid, NULL, 0);
	printf("done\n");
	return 0;
}
