/* tcpload - TCP workloads for the VM tier's guests, where there is no Python.
 *
 * usage: tcpload bulk ADDR PORT SECONDS   one client sends to a forked server
 *        tcpload rr ADDR PORT COUNT       COUNT 100-byte requests, echoed back
 *        tcpload netem PERCENT            lo's root qdisc: netem dropping
 *                                         PERCENT of packets (0: removed)
 *        tcpload idle ADDR PORT COUNT     COUNT idle connections, held until
 *                                         SIGTERM (at most 600 s)
 *
 * TCPLOAD_DEV=IFNAME binds bulk's and rr's client to that device first
 * (SO_BINDTODEVICE).
 *
 * Prints "conn LADDR LPORT RADDR RPORT" (the client's side) once connected,
 * and "done" at the end. The client waits until all it sent is acknowledged,
 * and 500 ms more, before closing. Loopback only: ADDR is 127.0.0.1 or ::1.
 *
 * idle prints "ready PID" once all COUNT are established and accepted (PID:
 * the client, which holds COUNT sockets; a forked server holds the others).
 * Both raise their open files limit to the hard one (4,096 in a guest).
 *
 * netem is for guests without iproute2's tc (busybox tc cannot add netem):
 * one rtnetlink request, the same as "tc qdisc replace dev lo root netem loss
 * PERCENT%" (or "tc qdisc del dev lo root"); sch_netem must be loaded.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef SIOCOUTQ
#define SIOCOUTQ TIOCOUTQ   /* 0x5411 on x86, not on mips or ppc */
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

/* rtnetlink's ABI (linux/netlink.h, rtnetlink.h, pkt_sched.h), which
 * musl's headers do not carry */
struct nlmsg {
	struct { unsigned int len; unsigned short type, flags; unsigned int seq, pid; } h;
	struct { unsigned char family, pad1; unsigned short pad2; int ifindex;
		unsigned int handle, parent, info; } tc;
	unsigned short kind_len, kind_type; char kind[8];
	unsigned short opt_len, opt_type;
	unsigned int latency, limit, loss, gap, duplicate, jitter; /* tc_netem_qopt */
};
enum { RTM_NEWQDISC = 36, RTM_DELQDISC = 37, TCA_KIND = 1, TCA_OPTIONS = 2,
	NLM_REQUEST = 1, NLM_ACK = 4, NLM_REPLACE = 0x100, NLM_CREATE = 0x400,
	NLMSG_ERR = 2 };

static int netem(int percent)
{
	struct nlmsg m;
	struct { unsigned short family, pad; unsigned int pid, groups; } nl = { AF_NETLINK, 0, 0, 0 };
	struct { struct { unsigned int len; unsigned short type, flags; unsigned int seq, pid; } h;
		int error; char rest[256]; } ack;
	int s;

	memset(&m, 0, sizeof m);
	m.h.len = percent ? sizeof m : offsetof(struct nlmsg, kind_len), m.h.seq = 1;
	m.tc.ifindex = if_nametoindex("lo"), m.tc.parent = 0xffffffff;   /* TC_H_ROOT */
	m.kind_len = 4 + 8, m.kind_type = TCA_KIND, strcpy(m.kind, "netem");
	m.opt_len = 4 + 24, m.opt_type = TCA_OPTIONS;
	m.limit = 1000, m.loss = (unsigned int)(4294967295.0 * percent / 100);
	if (percent) {
		m.h.type = RTM_NEWQDISC, m.h.flags = NLM_REQUEST | NLM_ACK | NLM_CREATE | NLM_REPLACE;
		m.tc.handle = 0x10000;                                  /* 1: */
	} else
		m.h.type = RTM_DELQDISC, m.h.flags = NLM_REQUEST | NLM_ACK;
	if ((s = socket(AF_NETLINK, SOCK_RAW, 0)) < 0 || bind(s, (void *)&nl, sizeof nl) < 0
	    || send(s, &m, m.h.len, 0) < 0
	    || recv(s, &ack, sizeof ack, 0) < (int)sizeof ack.h + 4)
		fail("netlink");
	if (ack.h.type == NLMSG_ERR && ack.error)
		errno = -ack.error, fail("netem");
	return 0;
}

static pid_t server;
static void end(int sig)
{
	(void)sig;
	kill(server, SIGKILL);
	_exit(0);
}

/* COUNT connections to ADDR:PORT, accepted and held by a forked server */
static void idle(struct sockaddr_storage *ss, socklen_t n, int count)
{
	struct rlimit rl;
	int one = 1, s, i, p[2];
	char c;

	if (getrlimit(RLIMIT_NOFILE, &rl) || (rl.rlim_cur = rl.rlim_max, setrlimit(RLIMIT_NOFILE, &rl))
	    || rl.rlim_max < (rlim_t)count + 16)
		errno = EMFILE, fail("idle: open files limit");
	if ((s = socket(ss->ss_family, SOCK_STREAM, 0)) < 0
	    || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0
	    || bind(s, (void *)ss, n) < 0 || listen(s, count) < 0 || pipe(p) < 0)
		fail("idle: listen");
	if ((server = fork()) == 0) {           /* accept all, say so, hold */
		alarm(600);
		for (i = 0; i < count; i++)
			if (accept(s, NULL, NULL) < 0)
				fail("idle: accept");
		if (write(p[1], "s", 1) != 1)
			fail("idle: pipe");
		for (;;)
			pause();
	}
	close(s), close(p[1]);                   /* a server failed: EOF */
	signal(SIGTERM, end), signal(SIGALRM, end);
	alarm(600);
	for (i = 0; i < count; i++)
		if ((s = socket(ss->ss_family, SOCK_STREAM, 0)) < 0 || connect(s, (void *)ss, n) < 0)
			fail("idle: connect");
	if (read(p[0], &c, 1) != 1)
		fail("idle: server");
	printf("ready %d\n", (int)getpid()), fflush(stdout);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	struct sockaddr_storage ss, l, r;
	socklen_t n, ln = sizeof l, rn = sizeof r;
	static char buf[16384];
	int one = 1, s, c, k, rr, arg, q;
	pid_t pid;
	time_t end;

	if (argc == 3 && !strcmp(argv[1], "netem"))
		return netem(atoi(argv[2]));
	if (argc != 5 || (strcmp(argv[1], "bulk") && strcmp(argv[1], "rr") && strcmp(argv[1], "idle")))
		fprintf(stderr, "usage: tcpload bulk|rr|idle ADDR PORT ARG | tcpload netem PERCENT\n"), exit(2);
	rr = !strcmp(argv[1], "rr"), arg = atoi(argv[4]);
	n = addr(argv[2], atoi(argv[3]), &ss);
	if (argv[1][0] == 'i')
		idle(&ss, n, arg);
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
	if ((c = socket(ss.ss_family, SOCK_STREAM, 0)) < 0
	    || (getenv("TCPLOAD_DEV") && setsockopt(c, SOL_SOCKET, SO_BINDTODEVICE,
		getenv("TCPLOAD_DEV"), strlen(getenv("TCPLOAD_DEV"))) < 0)
	    || connect(c, (void *)&ss, n) < 0)
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
	usleep(500000);   /* a reader behind (a loaded TCG guest) still finds the
	                     socket established in the tables: its last events'
	                     rows are checked, not excused as gone */
	close(c);
	waitpid(pid, NULL, 0);
	printf("done\n");
	return 0;
}
