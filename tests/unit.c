/* Unit tests of tcpretrans's pure parts: the parsers, the socket lookup, the
 * line reader, the time zone code and the formatter. The program is included
 * whole, its main() renamed, so every static function is in reach. */
#define main tcpretrans_main
#include "../tcpretrans.c"
#undef main

static int passed, failed;

#define CHECK(c) check(!!(c), #c, __LINE__)
static void check(int ok, const char *what, int line)
{
	if (ok)
		passed++;
	else {
		failed++;
		printf("FAIL line %d: %s\n", line, what);
	}
}

static int parse(const char *s, struct event *ev)
{
	return parse_trace_line(s, strlen(s), 0, ev);
}

static const char *addr(const unsigned char a[16])
{
	static char b[2][INET6_ADDRSTRLEN];
	static int k;

	k ^= 1;
	if (is_mapped(a))
		inet_ntop(AF_INET, a + 12, b[k], sizeof b[k]);
	else
		inet_ntop(AF_INET6, a, b[k], sizeof b[k]);
	return b[k];
}

/* The five eras of tcp:tcp_retransmit_skb (KERNEL-FACTS), IPv4 and IPv6. */
static void test_eras(void)
{
	struct event ev;

	/* E, 6.18, real */
	CHECK(parse("      <idle>-0       [000] ..s2.   366.899332: tcp_retransmit_skb: skbaddr=0000000045e827fd skaddr=000000004f85d8c3 family=AF_INET sport=40316 dport=5001 saddr=127.0.0.1 daddr=127.0.0.1 saddrv6=::ffff:127.0.0.1 daddrv6=::ffff:127.0.0.1 state=TCP_SYN_SENT err=0", &ev) == PL_EVENT);
	CHECK(ev.type == EV_RETRANS && ev.pid == 0 && ev.family == 4);
	CHECK(ev.lport == 40316 && ev.rport == 5001 && ev.state == 2 && ev.err == 0);
	CHECK(!strcmp(addr(ev.laddr), "127.0.0.1") && !strcmp(addr(ev.raddr), "127.0.0.1"));
	CHECK(ev.sk == 0x4f85d8c3 && ev.sec == 366 && ev.usec == 899332);
	CHECK(!strcmp(ev.ts, "366.899332"));
	CHECK((ev.have & (HAVE_ADDR | HAVE_PORTS | HAVE_STATE)) == (HAVE_ADDR | HAVE_PORTS | HAVE_STATE));
	/* E, 6.18, IPv6, real */
	CHECK(parse(" python3-11110   [001] ..s2.   545.531684: tcp_retransmit_skb: skbaddr=00000000749b0cbf skaddr=00000000492755ea family=AF_INET6 sport=53882 dport=5001 saddr=0.0.0.0 daddr=0.0.0.0 saddrv6=::1 daddrv6=::1 state=TCP_ESTABLISHED err=0", &ev) == PL_EVENT);
	CHECK(ev.family == 6 && ev.pid == 11110 && !strcmp(addr(ev.laddr), "::1") && ev.state == 1);
	/* E with a failed attempt */
	CHECK(parse("<idle>-0 [000] ..s2. 1.000001: tcp_retransmit_skb: skbaddr=0000000045e827fd skaddr=000000004f85d8c3 family=AF_INET sport=1 dport=2 saddr=10.0.0.1 daddr=10.0.0.2 saddrv6=::ffff:10.0.0.1 daddrv6=::ffff:10.0.0.2 state=TCP_ESTABLISHED err=-16", &ev) == PL_EVENT);
	CHECK(ev.err == -16);
	/* D, 6.12, real */
	CHECK(parse("      nc-155     [000] .....     4.388774: tcp_retransmit_skb: skbaddr=00000000f68bbf21 skaddr=00000000879a1a20 family=AF_INET sport=35022 dport=9000 saddr=127.0.0.1 daddr=127.0.0.1 saddrv6=::ffff:127.0.0.1 daddrv6=::ffff:127.0.0.1 state=TCP_ESTABLISHED", &ev) == PL_EVENT);
	CHECK(ev.pid == 155 && ev.lport == 35022 && ev.rport == 9000 && ev.err == 0 && ev.state == 1);
	/* C, 6.1, real */
	CHECK(parse("      nc-117     [000] ..s1.     4.724719: tcp_retransmit_skb: family=AF_INET sport=39028 dport=9000 saddr=127.0.0.1 daddr=127.0.0.1 saddrv6=::ffff:127.0.0.1 daddrv6=::ffff:127.0.0.1 state=TCP_ESTABLISHED", &ev) == PL_EVENT);
	CHECK(ev.pid == 117 && ev.family == 4 && ev.sk == 0);
	/* B: no family; IPv6 socket shown by its v6 fields */
	CHECK(parse("  sshd-900   [001] ..s1  812.000100: tcp_retransmit_skb: sport=22 dport=50000 saddr=0.0.0.0 daddr=0.0.0.0 saddrv6=2001:db8::1 daddrv6=2001:db8::2 state=TCP_ESTABLISHED", &ev) == PL_EVENT);
	CHECK(ev.family == 6 && !strcmp(addr(ev.laddr), "2001:db8::1") && !strcmp(addr(ev.raddr), "2001:db8::2"));
	/* A: no family, no state (4.15), IPv4 */
	CHECK(parse("  <idle>-0     [000] ..s1   100.5: tcp_retransmit_skb: sport=40000 dport=80 saddr=192.0.2.1 daddr=198.51.100.7 saddrv6=::ffff:192.0.2.1 daddrv6=::ffff:198.51.100.7", &ev) == PL_EVENT);
	CHECK(ev.family == 4 && !(ev.have & HAVE_STATE) && ev.usec == 500000 && !strcmp(addr(ev.raddr), "198.51.100.7"));
	CHECK(lookup_need(&ev) == 3);
	/* synack: state is SYN_RECV, no lookup */
	CHECK(parse("<idle>-0 [001] ..s1. 564.110684: tcp_retransmit_synack: family=AF_INET sport=5003 dport=46496 saddr=127.0.0.1 daddr=127.0.0.1 saddrv6=::ffff:127.0.0.1 daddrv6=::ffff:127.0.0.1", &ev) == PL_EVENT);
	CHECK(ev.type == EV_SYNACK && ev.state == 3 && lookup_need(&ev) == 0);
	/* unknown keys are ignored, unknown state numbers too */
	CHECK(parse("x-1 [000] .... 1.0: tcp_retransmit_skb: new=1 family=AF_INET sport=1 dport=2 saddr=1.2.3.4 daddr=5.6.7.8 saddrv6=::ffff:1.2.3.4 daddrv6=::ffff:5.6.7.8 state=0xd", &ev) == PL_EVENT);
	CHECK(ev.state == 13);
}

/* Our kprobe events: decimal (4.9+), "0x" hex, and bare hex (<4.9). */
static void test_kprobe(void)
{
	struct event ev;
	const char *hex = "nc-9 [000] d... 5.000001: retransmit: (tcp_retransmit_skb+0x0/0x20) sk=0xffff88003a1b2c00 daddr=0x100007f saddr=0x100007f dport=0x2823 sport=0x988c family=0x2 state=0x1";
	const char *bare = "nc-9 [000] d... 5.000001: retransmit: (tcp_retransmit_skb+0x0/0x20) sk=ffff88003a1b2c00 daddr=100007f saddr=100007f dport=2823 sport=988c family=2 state=1";

	CHECK(parse("nc-155 [000] ..... 4.387090: retransmit: (tcp_retransmit_skb+0x4/0xe0) sk=0xff11b62682a1d580 daddr=0x100007f saddr=0x100007f dport=10275 sport=35022 family=2 state=1", &ev) == PL_EVENT);
	CHECK(ev.type == EV_RETRANS && ev.family == 4 && ev.lport == 35022 && ev.rport == 9000);
	CHECK(ev.sk == 0xff11b62682a1d580ULL && ev.state == 1 && !strcmp(addr(ev.raddr), "127.0.0.1"));
	CHECK(parse("ksoftirqd/0-14 [000] ..s1. 4.729423: retransmit: (tcp_retransmit_skb+0x0/0xf0) sk=0xffff8880067f3600 daddr=16777343 saddr=16777343 dport=10275 sport=39028 family=2 state=1", &ev) == PL_EVENT);
	CHECK(ev.pid == 14 && ev.lport == 39028 && ev.rport == 9000 && !strcmp(addr(ev.laddr), "127.0.0.1"));
	CHECK(parse(hex, &ev) == PL_EVENT && ev.lport == 39052 && ev.rport == 9000 && ev.family == 4);
	CHECK(parse_trace_line(bare, strlen(bare), 1, &ev) == PL_EVENT && ev.lport == 39052 && ev.rport == 9000);
	CHECK(!strcmp(addr(ev.laddr), "127.0.0.1") && ev.sk == 0xffff88003a1b2c00ULL);
	/* the same bare line read as decimal is refused, never misread */
	CHECK(parse(bare, &ev) == PL_BAD);
	/* IPv6 socket: ports and state, addresses from /proc/net/tcp6 */
	CHECK(parse("nc-1 [000] ..s1. 1.0: retransmit: (tcp_retransmit_skb+0x4/0xe0) sk=0xffff888104ad4440 daddr=0 saddr=0 dport=35091 sport=56282 family=10 state=1", &ev) == PL_EVENT);
	CHECK(ev.family == 6 && !(ev.have & HAVE_ADDR) && lookup_need(&ev) == 2 && ev.rport == 5001);
	/* tail loss probe */
	CHECK(parse("nc-1 [000] ..s1. 1.0: tlp: (tcp_send_loss_probe+0x4/0x1e0) sk=0xffff888104ad4440 daddr=16777343 saddr=16777343 dport=35091 sport=56282 family=2 state=1", &ev) == PL_EVENT);
	CHECK(ev.type == EV_TLP);
	/* missing fields */
	CHECK(parse("nc-1 [000] ..s1. 1.0: retransmit: (tcp_retransmit_skb+0x4/0xe0) sk=0xffff888104ad4440 daddr=16777343", &ev) == PL_BAD);
}

/* Task names: spaces, dashes, "<...>", a tgid column; other line kinds. */
static void test_heads(void)
{
	struct event ev;
	const char *tail = " [001] ..s2.   1.000002: tcp_retransmit_skb: family=AF_INET sport=1 dport=2 saddr=1.2.3.4 daddr=5.6.7.8 saddrv6=::ffff:1.2.3.4 daddrv6=::ffff:5.6.7.8 state=TCP_ESTABLISHED";
	static const struct { const char *head; int pid; } t[] = {
		{ "     <...>-4242", 4242 }, { "  my-daemon-v2-77", 77 },
		{ "  Web Content-31337", 31337 }, { "kworker/u8:2-123", 123 },
		{ "  a [1] b-5", 5 }, { "  bash-1977  ( 1977)", 1977 },
		{ "  x-y [22]-8", 8 },
	};
	char b[512];
	size_t i;

	for (i = 0; i < sizeof t / sizeof *t; i++) {
		snprintf(b, sizeof b, "%s%s", t[i].head, tail);
		CHECK(parse(b, &ev) == PL_EVENT && ev.pid == t[i].pid);
	}
	CHECK(parse("# tracer: nop", &ev) == PL_IGNORE);
	CHECK(parse("", &ev) == PL_IGNORE);
	CHECK(parse(" => tcp_retransmit_skb", &ev) == PL_STACK);
	CHECK(parse("  python3-3175 [001] ..... 560.618891: <stack trace>", &ev) == PL_IGNORE);
	CHECK(parse("CPU:1 [LOST 37 EVENTS]", &ev) == PL_LOST && ev.lost == 37);
	/* real, 6.18: our clock marker, and someone else's */
	CHECK(parse("           <...>-18142   [000] ...1.  4442.432185: tracing_mark_write: tcpretrans-sync", &ev) == PL_SYNC);
	CHECK(ev.sec == 4442 && ev.usec == 432185);
	CHECK(parse("           <...>-18142   [000] ...1.  4442.432185: tracing_mark_write: hello", &ev) == PL_OTHER);
	CHECK(parse("  bash-1 [000] .... 1.0: sched_switch: prev_comm=bash", &ev) == PL_OTHER);
	CHECK(parse("garbage", &ev) == PL_BAD);
	CHECK(parse("  nc-1 [000] ..s1. 1.0: tcp_retransmit_skb: family=AF_INET sport=1 dport=2 saddr=1.2.3.4 daddr=5.6.", &ev) == PL_BAD);
	/* cut lines: a missing v6 field, state missing after family */
	CHECK(parse("  nc-1 [000] ..s1. 1.0: tcp_retransmit_skb: sport=1 dport=2 saddr=1.2.3.4 daddr=5.6.7.8 saddrv6=::ff", &ev) == PL_BAD);
	CHECK(parse("  nc-1 [000] ..s1. 1.0: tcp_retransmit_skb: family=AF_INET sport=1 dport=2 saddr=1.2.3.4 daddr=5.6.7.8 saddrv6=::ffff:1.2.3.4 daddrv6=::ffff:5.6.7.8", &ev) == PL_BAD);
	CHECK(parse("  nc-1 [000] ..s1. 1.0: tcp_retra", &ev) == PL_BAD);
	CHECK(parse("  nc-1 [000] ..s1. 1.0: tcp_retransmit_skb: family=AF_INET sport=1 dport=70000 saddr=1.2.3.4 daddr=5.6.7.8", &ev) == PL_BAD);
	CHECK(parse("  nc-x [000] ..s1. 1.0: tcp_retransmit_skb: family=AF_INET sport=1 dport=2 saddr=1.2.3.4 daddr=5.6.7.8", &ev) == PL_BAD);
	/* no irq-info flags column (old kernels, or the option off) */
	CHECK(parse("  nc-12 [000]   7.25: tcp_retransmit_skb: sport=1 dport=2 saddr=1.2.3.4 daddr=5.6.7.8 saddrv6=::ffff:1.2.3.4 daddrv6=::ffff:5.6.7.8", &ev) == PL_EVENT);
	CHECK(ev.pid == 12 && ev.usec == 250000);
}

static void test_numbers(void)
{
	unsigned long long v;

	CHECK(!parse_num("18446744073709551615", 20, 0, &v) && v == ~0ULL);
	CHECK(parse_num("18446744073709551616", 20, 0, &v) < 0);
	CHECK(!parse_num("0xffffffffffffffff", 18, 0, &v) && v == ~0ULL);
	CHECK(parse_num("0x", 2, 0, &v) < 0 && parse_num("", 0, 0, &v) < 0);
	CHECK(parse_num("12a", 3, 0, &v) < 0 && !parse_num("12a", 3, 1, &v) && v == 0x12a);
	CHECK(parse_state("TCP_CLOSE_WAIT", 14) == 8 && parse_state("LISTEN", 6) == 10);
	CHECK(parse_state("TCP_BOGUS", 9) == 0 && parse_state("99", 2) == 0);
}

static void test_tcp_rows(void)
{
	struct sockrow r;
	const char *v4 = "   2: 0100007F:9204 0100007F:1389 01 00000000:00000000 00:00000000 00000000     0        0 9284 2 ffff88810559b780 20 0 0 10 -1                      ";
	const char *v6 = "   3: 0000000000000000FFFF00000100007F:138A 0000000000000000FFFF00000100007F:C168 01 00000000:00000000 00:00000000 00000000     0        0 9291 1 ffff888104ad4e00 20 0 0 10 -1";
	const char *v6b = "   2: 00000000000000000000000001000000:DBDA 00000000000000000000000001000000:1389 01 00000000:00000000 00:00000000 00000000     0        0 9287 2 0000000000000000 20 0 0 10 -1";
	const char *ptrval = "   1: 00000000000000000000000001000000:2328 00000000000000000000000001000000:DD7A 01 00000000:00000000 00:00000000 00000000     0        0 97066 2 (____ptrval____) 21 4 0 10 -1";
	const char *hdr = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

	CHECK(parse_tcp_row(v4, strlen(v4), &r) == 0);
	CHECK(r.lport == 37380 && r.rport == 5001 && r.state == 1 && r.sk == 0xffff88810559b780ULL);
	CHECK(!strcmp(addr(r.laddr), "127.0.0.1"));
	CHECK(parse_tcp_row(v6, strlen(v6), &r) == 0 && r.lport == 5002 && r.rport == 49512);
	CHECK(!strcmp(addr(r.laddr), "127.0.0.1"));     /* v4-mapped in tcp6 */
	CHECK(parse_tcp_row(v6b, strlen(v6b), &r) == 0 && !strcmp(addr(r.raddr), "::1") && r.sk == 0);
	CHECK(parse_tcp_row(hdr, strlen(hdr), &r) == 1);
	/* real, 6.1 under qemu soon after boot: the pointer hash is not ready */
	CHECK(parse_tcp_row(ptrval, strlen(ptrval), &r) == 0 && r.sk == 0 && r.lport == 9000 && r.rport == 56698);
	CHECK(parse_tcp_row("   0: 0100007F:1389", 19, &r) == -1);
	CHECK(parse_tcp_row("   0: 0100007G:1389 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1 0", 86, &r) == -1);
}

/* Pointer, tuple and ambiguity rules of the socket lookup. */
static void test_lookup(void)
{
	struct item it;
	struct sockrow a, b;
	struct event ev;

	memset(&a, 0, sizeof a);
	parse_addr("::1", 3, a.laddr), parse_addr("::1", 3, a.raddr);
	a.lport = 56282, a.rport = 5001, a.state = 1, a.sk = 0xffff888104ad4440ULL;
	b = a;
	parse_addr("2001:db8::9", 11, b.raddr);
	b.sk = 0xffff888104ad9999ULL;
	CHECK(parse("nc-1 [000] ..s1. 1.0: retransmit: (x) sk=0xffff888104ad4440 daddr=0 saddr=0 dport=35091 sport=56282 family=10 state=1", &ev) == PL_EVENT);

	/* real pointers on both sides decide, even with a same-port twin */
	memset(&it, 0, sizeof it), it.ev = ev;
	lookup_row(&it, &b), lookup_row(&it, &a);
	lookup_apply(&it);
	CHECK((it.ev.have & HAVE_ADDR) && !strcmp(addr(it.ev.raddr), "::1"));
	/* the socket is gone: a row with the same ports must not be taken */
	memset(&it, 0, sizeof it), it.ev = ev, it.ev.sk = 0xffff888100000001ULL;
	lookup_row(&it, &a), lookup_row(&it, &b), lookup_apply(&it);
	CHECK(!(it.ev.have & HAVE_ADDR));
	/* hashed table: ports decide when unique */
	a.sk = 0x26beacec, b.sk = 0x691e481e;
	memset(&it, 0, sizeof it), it.ev = ev;
	lookup_row(&it, &a), lookup_apply(&it);
	CHECK((it.ev.have & HAVE_ADDR) && !strcmp(addr(it.ev.raddr), "::1"));
	/* ...and two sockets with those ports but other addresses: unknown */
	memset(&it, 0, sizeof it), it.ev = ev;
	lookup_row(&it, &a), lookup_row(&it, &b), lookup_apply(&it);
	CHECK(!(it.ev.have & HAVE_ADDR));
	/* ...unless the state tells them apart */
	b.state = 6;
	memset(&it, 0, sizeof it), it.ev = ev;
	lookup_row(&it, &b), lookup_row(&it, &a), lookup_apply(&it);
	CHECK((it.ev.have & HAVE_ADDR) && !strcmp(addr(it.ev.raddr), "::1"));
	/* zero pointers: ports */
	a.sk = b.sk = 0;
	memset(&it, 0, sizeof it), it.ev = ev;
	lookup_row(&it, &a), lookup_apply(&it);
	CHECK(it.ev.have & HAVE_ADDR);
	/* era A: the full tuple must match, state comes from the row */
	CHECK(parse("x-1 [000] .... 1.0: tcp_retransmit_skb: sport=56282 dport=5001 saddr=0.0.0.0 daddr=0.0.0.0 saddrv6=::1 daddrv6=::1", &ev) == PL_EVENT);
	memset(&it, 0, sizeof it), it.ev = ev;
	lookup_row(&it, &b), lookup_apply(&it);
	CHECK(!(it.ev.have & HAVE_STATE));
	lookup_row(&it, &a), lookup_apply(&it);
	CHECK((it.ev.have & HAVE_STATE) && it.ev.state == 1);
	CHECK(ptr_kind(0) == 0 && ptr_kind(0x26beacec) == 1 && ptr_kind(0xffff888104ad4440ULL) == 2);
}

/* The line reader: split reads, over-long lines, a last line without '\n'. */
static void test_lines(void)
{
	static char buf[4096];
	struct lines l = { .buf = buf, .cap = sizeof buf };
	char *s, big[3000];
	size_t n;
	int p[2];

	memset(big, 'x', sizeof big);
	CHECK(pipe(p) == 0);
	l.fd = p[0];
	CHECK(write(p[1], "one\ntw", 6) == 6);
	CHECK(refill(&l) == 6);
	CHECK((s = nextline(&l, &n)) && n == 3 && !strcmp(s, "one"));
	CHECK(!nextline(&l, &n));
	CHECK(write(p[1], "o\n", 2) == 2 && refill(&l) == 2);
	CHECK((s = nextline(&l, &n)) && !strcmp(s, "two"));
	CHECK(write(p[1], big, sizeof big) == sizeof big && refill(&l) > 0);
	CHECK(!nextline(&l, &n) && l.cut == 1);        /* over LINE_MAX_: dropped */
	CHECK(write(p[1], "xx\nkept\nlast", 12) == 12 && refill(&l) > 0);
	CHECK((s = nextline(&l, &n)) && !strcmp(s, "kept") && l.cut == 1);
	close(p[1]);
	CHECK(!nextline(&l, &n) && refill(&l) == 0);
	CHECK((s = nextline(&l, &n)) && !strcmp(s, "last"));
	CHECK(!nextline(&l, &n));
	close(p[0]);
}

static void test_time(void)
{
	char b[TS_MAX], p[PATH_MAX - 64];
	struct event ev;

	CHECK(tz_posix("UTC0") == 0 && tz_posix("CET-1CEST,M3.5.0,M10.5.0/3") == 3600);
	CHECK(tz_posix("EST5EDT") == -5 * 3600 && tz_posix("<+0530>-5:30") == 19800);
	G.root = getcwd(p, sizeof p);                  /* run from the top */
	setenv("TZ", "/tests/data/Europe-Berlin.tzif", 1);
	tz_load();
	CHECK(G.tzlen > 0);
	CHECK(tz_offset(1767225600) == 3600);          /* 2026-01-01 winter */
	CHECK(tz_offset(1782864000) == 7200);          /* 2026-07-01 summer */
	CHECK(tz_offset(1782864000) == 7200);          /* cached */
	CHECK(tz_offset(0) == 3600);                   /* 1970 */
	setenv("TZ", "UTC0", 1);
	G.tzlen = 0;
	tz_load();
	CHECK(tz_offset(1782864000) == 0);
	memset(&ev, 0, sizeof ev);
	G.clock = CLK_TRACE, G.clock_off = (1782864000LL - 60) * 1000000;
	ev.sec = 3661, ev.have = HAVE_TS;
	fmt_time(b, &ev);
	CHECK(!strcmp(b, "01:00:01"));
	G.replay = 1;
	strcpy(ev.ts, "3661.000001");
	fmt_time(b, &ev);
	CHECK(!strcmp(b, "3661.000001"));
	G.replay = 0;
}

static void test_format(void)
{
	struct event ev;
	char b[ADDR_MAX];

	CHECK(parse(" python3-11110   [001] ..s2.   545.531684: tcp_retransmit_skb: skbaddr=00000000749b0cbf skaddr=00000000492755ea family=AF_INET6 sport=53882 dport=5001 saddr=0.0.0.0 daddr=0.0.0.0 saddrv6=::1 daddrv6=::1 state=TCP_ESTABLISHED err=0", &ev) == PL_EVENT);
	fmt_end(b, &ev, 0);
	CHECK(!strcmp(b, "[::1]:53882"));
	fmt_end(b, &ev, 1);
	CHECK(!strcmp(b, "[::1]:5001"));
	ev.have &= ~HAVE_ADDR;
	fmt_end(b, &ev, 1);
	CHECK(!strcmp(b, "-:5001"));
	ev.have &= ~HAVE_PORTS;
	fmt_end(b, &ev, 1);
	CHECK(!strcmp(b, "-:-"));
}

/* ntop() against libc's inet_ntop on many addresses with zero runs. */
static void test_ntop(void)
{
	unsigned char a[16];
	char mine[INET6_ADDRSTRLEN], libc[INET6_ADDRSTRLEN];
	unsigned x = 12345;
	int i, k, same = 0, tried = 0;

	for (k = 0; k < 20000; k++) {
		for (i = 0; i < 16; i += 2) {
			x = x * 1103515245 + 12345;
			a[i] = x >> 16 & 3 ? 0 : x >> 8, a[i + 1] = x >> 17 & 3 ? 0 : x >> 24;
		}
		if (!memcmp(a, "\0\0\0\0\0\0\0\0\0\0\0\0", 12) && !is_mapped(a))
			continue;                 /* libc prints ::a.b.c.d, the kernel does not */
		tried++;
		inet_ntop(AF_INET6, a, libc, sizeof libc);
		same += !strcmp(ntop(mine, a, 0), libc);
		if (strcmp(mine, libc) && tried - same < 3)
			printf("ntop: %s, libc: %s\n", mine, libc);
	}
	CHECK(tried > 10000 && same == tried);
	parse_addr("10.1.2.3", 8, a);
	CHECK(!strcmp(ntop(mine, a, 1), "10.1.2.3") && !strcmp(ntop(mine, a, 0), "::ffff:10.1.2.3"));
	parse_addr("::", 2, a);
	CHECK(!strcmp(ntop(mine, a, 0), "::"));
}

/* The formatter that stands in for libc's printf. */
static void test_sfmt(void)
{
	char b[64];

	CHECK(sfmt(b, sizeof b, "%-6d|%6s|%02d|%llu|%lu|%x|%c|%%|%.*s|%.2s", -42, "ab", 7,
	    18446744073709551615ULL, 7UL, 0xbeef, 'z', 3, "abcdef", "xyz") > 0);
	CHECK(!strcmp(b, "-42   |    ab|07|18446744073709551615|7|beef|z|%|abc|xy"));
	CHECK(sfmt(b, 5, "%s", "abcdefgh") == 8 && !strcmp(b, "abcd"));
	CHECK(sfmt(b, sizeof b, "%ld %d", -9223372036854775807L - 1, -2147483647 - 1) > 0 &&
	    !strcmp(b, "-9223372036854775808 -2147483648"));
}

/* /proc/mounts: escapes, exact types, damaged lines. */
static void test_mounts(void)
{
	char m[PATH_MAX], src[32];

	CHECK(parse_mounts("sysfs /sys sysfs rw 0 0\ntracefs /sys/kernel/tracing tracefs rw 0 0\n", "tracefs", m, src) == 0);
	CHECK(!strcmp(m, "/sys/kernel/tracing") && !strcmp(src, "tracefs"));
	CHECK(parse_mounts("tcpretrans.42 /a\\040b\\011c tracefs rw 0 0", "tracefs", m, src) == 0);
	CHECK(!strcmp(m, "/a b\tc") && !strcmp(src, "tcpretrans.42"));
	CHECK(parse_mounts("x /mnt tracefs2 rw 0 0\nx /mnt trace rw 0 0\n", "tracefs", m, src) == -1);
	CHECK(parse_mounts("x /a\\04 tracefs rw 0 0", "tracefs", m, src) == 0 && !strcmp(m, "/a\\04"));
	CHECK(parse_mounts("x /a\\", "tracefs", m, src) == -1);
	CHECK(parse_mounts("x /a\\0", "tracefs", m, src) == -1);
	CHECK(parse_mounts("tracefs", "tracefs", m, src) == -1 && parse_mounts("", "tracefs", m, src) == -1);
	CHECK(parse_mounts("a-very-long-source-name-that-goes-on-and-on /t tracefs rw 0 0", "tracefs", m, src) == 0 && strlen(src) == 31);
}

/* A full error_log (the kernel keeps a fixed number of entries) does not grow
 * when our probe is refused: the entry is found by its command, not by size. */
static void test_errlog(void)
{
	char dir[] = "/tmp/tcpretrans-unit.XXXXXX", p[PATH_MAX];
	int fd, i;

	if (!mkdtemp(dir)) {
		CHECK(!"mkdtemp");
		return;
	}
	G.root = "";
	snprintf(G.tdir, sizeof G.tdir, "%s", dir);
	snprintf(p, sizeof p, "%s/error_log", dir);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	for (i = 0; i < 16; i++)     /* 16 entries: full; ours is the 12th */
		dprintf(fd, "[  %d.000001] trace_kprobe: error: %s\n  Command: p:%s/retransmit tcp_retransmit_skb sk=%%di\n%*s^\n",
		    100 + i, i == 11 ? "Invalid fetch argument" : "Failed to parse address",
		    i == 11 ? "tcpretrans_7_4026531836" : i == 12 ? "tcpretrans_7_4026531837" : "kprobes",
		    40, "");
	close(fd);
	CHECK(errlog_why("p:tcpretrans_7_4026531836/retransmit") &&
	      !strcmp(errlog_why("p:tcpretrans_7_4026531836/retransmit"), "error: Invalid fetch argument"));
	CHECK(errlog_why("p:tcpretrans_7_4026531836/tlp") == NULL);
	CHECK(errlog_why("p:tcpretrans_7_402653183/retransmit") == NULL);
	unlink(p);
	rmdir(dir);
	G.tdir[0] = 0;
}

int main(void)
{
	test_mounts();
	test_ntop();
	test_sfmt();
	test_eras();
	test_kprobe();
	test_heads();
	test_numbers();
	test_tcp_rows();
	test_lookup();
	test_lines();
	test_time();
	test_format();
	test_errlog();
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed != 0;
}
