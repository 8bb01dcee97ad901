/* tcpretrans - show TCP retransmits as they happen, using only Linux ftrace
 *
 * usage: tcpretrans [-hlsKTcjtewp46] [-i SECS] [-d SECS] [-n COUNT] [-b KB]
 *                   [-P PORT]... [-H ADDR]... [-r FILE]
 *
 * Show TCP retransmits as they happen, using Linux ftrace (run as root).
 *
 *   -h       show this help and exit
 *   -l       also trace tail loss probes, rows marked L> (needs kprobe events)
 *   -s       print the kernel stack under each event
 *   -K       use the kprobe on tcp_retransmit_skb (needs kprobe events)
 *   -T       use the tcp:tcp_retransmit_skb tracepoint (Linux 4.15+)
 *   -c       count retransmits per flow; print the table at the end (no -p, -s)
 *   -i SECS  with -c, also print (and empty) the table every SECS seconds
 *   -j       JSON Lines: one object per event, or per flow with -c
 *   -t       show the kernel's timestamp instead of HH:MM:SS
 *   -e       also show attempts not counted as retransmits, rows E> (6.17+)
 *   -w       add a CAUSE column: RTO, FAST, LOSS, TLP, SYNACK, ACK or -
 *   -p       show the process owning each socket: its PID and a COMM column
 *   -4, -6   only IPv4, only IPv6 sockets
 *   -P PORT  only sockets with this local or remote port (up to 8 -P)
 *   -H ADDR  only sockets with this local or remote address (up to 8 -H)
 *   -d SECS  end after SECS seconds
 *   -n COUNT end after COUNT rows
 *   -b KB    trace buffer per CPU, in KiB (more if events are lost)
 *   -r FILE  decode a saved trace instead of tracing ("-" for stdin)
 *
 * One static, allocation-free file. Everything it sets up in tracefs lives in
 * instances/tcpretrans.PID.NS and kprobe group tcpretrans_PID_NS (NS: the
 * inode of its PID namespace), and is removed on every way out. See
 * man/tcpretrans.8 and README.md.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

/* ---- build-time switches ----------------------------------------------- */

/* What the seed tool had not, each one a switch (make FEATURE_X=0; TINY=1
 * makes all of them off unless told otherwise; README "Putting it in an
 * image"). The code reads "if (FEATURE_X && ...)", so what is off is dropped
 * by the compiler, and its options are refused as "not in this build". */
#ifndef TINY
#define TINY 0
#endif
#ifndef FEATURE_OWNERS
#define FEATURE_OWNERS !TINY   /* -p: the process owning each socket */
#endif
#ifndef FEATURE_DIAG
#define FEATURE_DIAG !TINY     /* lookups by inet_diag; off: the tables */
#endif
#ifndef FEATURE_COUNT
#define FEATURE_COUNT !TINY    /* -c: the flow table */
#endif
#ifndef FEATURE_INTERVAL
#define FEATURE_INTERVAL !TINY /* -i (with -c) */
#endif
#ifndef FEATURE_FILTER
#define FEATURE_FILTER !TINY   /* -4, -6, -P, -H */
#endif
#ifndef FEATURE_JSON
#define FEATURE_JSON !TINY     /* -j */
#endif
#ifndef FEATURE_CAUSES
#define FEATURE_CAUSES !TINY   /* -w */
#endif
#ifndef FEATURE_FAILED
#define FEATURE_FAILED !TINY   /* -e */
#endif
#ifndef FEATURE_STRERROR
#define FEATURE_STRERROR !TINY /* libc's error texts; off: names (EACCES) */
#endif
#ifndef FEATURE_TZ
#define FEATURE_TZ !TINY       /* local time (TZ, TZif files); off: UTC */
#endif
#define ALL_OPTIONS (FEATURE_OWNERS && FEATURE_COUNT && FEATURE_INTERVAL \
    && FEATURE_FILTER && FEATURE_JSON && FEATURE_CAUSES && FEATURE_FAILED)

/* ---- limits ------------------------------------------------------------ */

#define RD_MAX     65536 /* one read of trace_pipe: 16 pages, ~250 events */
#define REPLAY_MAX 262144 /* -r: one read of a saved trace (~1,100 events):
                            with 64 KiB reads and a write per batch, system
                            calls (~5 us each here) took ~0.09 of a million
                            lines' ~0.7 CPU seconds */
#define LINE_MAX_  1024  /* longest line kept: an event line is ~250 bytes */
#define BATCH_MAX  256   /* lines decoded together, one /proc/net/tcp pass */
#define OUT_MAX    32768 /* output, written when full: stacks stream through;
                            the rows of a read (-r) in few writes */
#define FILE_MAX   16384 /* format, error_log, kprobe_events, TZif files */
#define DENTS_MAX  4096  /* one getdents64 call over instances/ */
#define TS_MAX     24    /* "18446744073.709551" and a NUL */
#define ADDR_MAX   64    /* "[" INET6_ADDRSTRLEN "]:65535" */
#define ROW_MAX    256   /* a row but -p's comm: TS_MAX, a pid, 2 ADDR_MAX, a
                            state and -w's cause (24), -e's error: 208 */
#define PIDS_MAX   64    /* leftover runs cleaned in one start */
#define FLOWS_MAX  4096  /* flows counted by -c; more are summed in one line */
#define SLOTS_MAX  (2 * FLOWS_MAX) /* hash slots: the table stays half empty */
#define FILT_MAX   8     /* -P ports and -H addresses, each */
#define FILTER_MAX 1024  /* one ftrace filter: 8 ports and 8 addresses fit */
#define OWNERS_MAX 256   /* -p: sockets whose owner is remembered (>= BATCH_MAX) */
#define BIG_FDS    1024  /* -p: a process with this many files (a default soft
                            RLIMIT_NOFILE) is read only for a socket the others
                            do not hold */
#define SOCKS_MAX  131072 /* -p: their sockets, mapped to owners by one read
                            (16 bytes each: 70,000 take 1.1 MiB) */
#define HELD_HASH  4096  /* -p: hash chains over them */
#define NETNS_MAX  4096  /* network namespaces read in one batch (bss) */
#define DIAG_MAX   32768 /* one netlink read: the kernel's dump skbs are 32 KiB */
#define DIAG_MS    200   /* inet_diag answers in microseconds: longer is none */
#define NSIDLE_MS  10000 /* a namespace's sock_diag socket unused is closed */
#define STUCK_MS   200   /* after a stop signal, how long stdout may stall */
#define IDLE_MS    100   /* a stack not going on after this has ended */
#define MISS_MS    1000  /* -p: a socket nobody holds is looked for again;
                            the big processes are read at most this often */
#define PEEK_MAX   16    /* -w: stack frames before the one naming the cause
                            (3 on 6.18; a kprobe's own frames come first) */
#define HOLD_MAX   16    /* -s, -w: events held until their stacks come */
#define HOLD_TEXT  4096  /* -s: bytes of one held event's stack lines */
#define CONG_MAX   2048  /* -w: flows out of the Open congestion state */
#define CONG_SLOTS (2 * CONG_MAX)  /* hash slots: the table stays half empty */

/* -r's speed where the size budget has room: x86_64 (aarch64's and i386's
 * have none), not the smallest build. FAST: the memos (parse_tp_seen(),
 * put_ends()), next_key() and key_id() inlined (177 Ir a line less). VEC:
 * the SSE2 loops (every x86_64 has SSE2; 1.1 KB). */
#if defined __x86_64__ && !TINY
#define FAST 1
#define HOT_INLINE __attribute__((always_inline)) inline
#else
#define FAST 0
#define HOT_INLINE
#endif
#if defined __SSE2__ && !TINY
#define VEC 1
#else
#define VEC 0
#endif
#define SEEN_SLOTS 64    /* -r: parse_tp_seen()'s texts remembered, one a
                            slot of their hash: a storm's 16 sockets fit */
#define SEEN_TEXT  240   /* the longest (IPv6 fields: up to ~230 bytes) */
#define ENDS_SLOTS 16    /* -r: put_ends()'s rows remembered, one a slot of
                            their ends' hash */
#define ENDS_TEXT  104   /* two "[IPv6]:port" (47 bytes) and a mark */

/* ---- state ------------------------------------------------------------- */

enum { EV_RETRANS = 1, EV_SYNACK, EV_TLP, EV_CONG };       /* event types */
/* -w: why a retransmit was sent. CA_ACK: by tcp_xmit_retransmit_queue, in a
 * congestion state not known (FAST or LOSS); CA_NONE: the kernel did not say. */
enum { CA_NONE, CA_RTO, CA_FAST, CA_LOSS, CA_TLP, CA_SYNACK, CA_ACK, NCAUSES };
enum { PL_EVENT, PL_STACK, PL_IGNORE, PL_LOST, PL_OTHER, PL_BAD, PL_SYNC,
    PL_HEAD };                                   /* PL_HEAD: "<stack trace>" */
enum { HAVE_ADDR = 1, HAVE_PORTS = 2, HAVE_STATE = 4, HAVE_TS = 8,
    HAVE_LPORT = 16, HAVE_CA = 32, HAVE_KEY = 64 };  /* HAVE_LPORT: the local
    port alone; HAVE_KEY: laddr, raddr are what the kprobe read at IPv6's
    offsets, a claim: only a lookup's key, never shown */
enum {                                       /* setup log, undone backwards */
	S_SYSFS = 1, S_TRACEFS = 2, S_DEBUGFS = 4, S_INSTANCE = 8,
	S_KP_RETRANS = 16, S_KP_TLP = 32, S_EN_SKB = 64, S_EN_SYNACK = 128,
	S_EN_KP = 256, S_EN_TLP = 512, S_EN_CONG = 1024,
};
enum { CLK_NOW, CLK_TRACE };     /* time column: read time or trace clock */
/* How a socket pointer was printed: a kprobe's sk is the address; %p (a
 * tracepoint's skaddr) hashes it, and so does %pK (the tables' sk column) under
 * kptr_restrict 0. Only pointers printed alike can be compared. */
enum { PTR_NONE, PTR_HASHED, PTR_REAL };

/* The first time: a flag set once (a counter would overflow, said again). */
#define FIRST(flag) ((flag) ? 0 : ((flag) = 1))

/* One decoded trace line. Addresses are IPv6 or IPv4-mapped (::ffff:a.b.c.d). */
struct event {
	/* First, up to type: what parse_tp() sets (with HAVE_TP in have),
	 * which its memo (parse_tp_seen()) copies as one block of TP_SIZE. */
	unsigned char family, state;            /* family: 0, 4 or 6 */
	unsigned char skfrom;                   /* PTR_*: how sk was printed */
	unsigned char maybe_dual;               /* IPv4, no family field: tcp6 too */
	unsigned char ca;                       /* EV_CONG: new TCP_CA_* */
	int err;
	unsigned long long sk;                  /* socket pointer, 0 if none */
	unsigned short lport, rport;
	unsigned char laddr[16], raddr[16];
	unsigned char type, have, cause;        /* cause: -w, CA_* */
	int pid;
	unsigned ifindex;                       /* kprobe: the device its socket is
	                                           bound to, 0 none */
	unsigned long long inode;               /* -p: its socket inode, or 0 */
	int opid;                               /* -p: the owner, 0 unknown */
	char comm[16];
	unsigned long long sec, lost;           /* trace time; LOST count */
	unsigned usec;
	char ts[TS_MAX];                        /* timestamp as in the trace */
	unsigned cpu;                           /* the CPU that wrote it + 1; 0:
	                                           unknown (a stack without head) */
};

/* One row of /proc/net/tcp or tcp6. */
struct sockrow {
	unsigned char state, in6;               /* in6: a row of tcp6 */
	unsigned short lport, rport;
	unsigned long long sk, inode;
	unsigned char laddr[16], raddr[16];
};

/* -p: a socket of a process with BIG_FDS files or more, as the last read of
 * them all found it; next: its hash chain (index + 1, 0 ends it). */
struct bigsock {
	unsigned ino, pid, fd, next;
};

/* -p: who owns a socket inode: the process and its fd that links to it
 * (checked again each batch: fds are closed, passed on and reused), or
 * pid 0: nobody we can see holds it, not looked for again until 'until'
 * (fd 1: the big processes were read too). */
struct owner {
	unsigned long long inode;
	int pid, fd;
	unsigned batch;                         /* last checked in batch n */
	long long until;                        /* pid 0: mono_ms() to retry */
	char comm[16];
	unsigned long long sk;                  /* an event's pointer that was */
	unsigned char skfrom;                   /* this socket, 0 if none, */
	unsigned short lport, rport;            /* and its tuple: struct event's */
	unsigned char laddr[16], raddr[16];     /* layout (TUPLE_LEN) */
};
#define TUPLE_LEN (offsetof(struct event, raddr) + 16 - offsetof(struct event, lport))

/* The sock_diag socket made in one network namespace (by its inode), and
 * when it was last used: unused for NSIDLE_MS, it is closed. */
struct nsdiag {
	unsigned long long ino;
	int fd;
	long long used;                         /* mono_ms() of its last lookup */
};

/* A flow counted by -c: the key is everything before n. */
struct flow {
	unsigned char laddr[16], raddr[16];
	unsigned short lport, rport;
	unsigned char family, have;
	unsigned long long n, nc[NCAUSES];      /* nc: -w, by cause */
};
#define FLOW_KEY (offsetof(struct flow, have) + 1)

/* -w: a flow's congestion state, as tcp:tcp_cong_state_set last said; a
 * flow back in Open (0) leaves the table. The event names no socket, only
 * its tuple, which sockets in other namespaces, or a later one, may have
 * too: the retransmits of the tuple tell, as they name their socket. */
struct cong {
	unsigned char key[FLOW_KEY];            /* a struct flow's; have 0: free */
	unsigned char ca;                       /* TCP_CA_Disorder 1 ... Loss 4 */
	unsigned char unsure;                   /* two sockets retransmitted, or
	                                           a state this does not know */
	unsigned hash;                          /* flow_key()'s */
	unsigned long long sk;                  /* the socket that retransmitted */
};

/* -s, -w: an event held until its stack is read. trace_pipe merges the
 * CPUs' buffers by time, so other CPUs' events and stacks come between an
 * event and its stack (written on its CPU just after it), also in a later
 * read. Rows still go out in the order their events came. */
struct held {
	struct event ev;
	const char *mark;
	unsigned char wait;          /* no stack yet: its CPU's next one is its */
	unsigned char why;           /* -w: no frame has named the cause yet */
	unsigned char ack;           /* -w: the cause if ACK-driven, from the
	                                congestion state when it came */
	unsigned char frames;        /* -w: frames read that named none */
	unsigned char out;           /* its row is printed */
	unsigned char cut;           /* -s: its stack was over HOLD_TEXT */
	unsigned short len;          /* -s: its stack lines held in
	                                G.held_text (apart: a row touches
	                                only this) */
};

/* A POSIX TZ: offsets east of UTC (standard, DST) and, with DST, when it
 * starts and ends: rule kind M (month, week, weekday), J or n (day), at
 * local time of day t seconds. */
struct tzrule {
	int k, a[3];                   /* M: month, week, weekday; J, n: day */
	long t;
};
struct tzspec {
	long off[2];
	int dst;
	struct tzrule r[2];
};

/* A line reader over a fixed buffer. */
struct lines {
	int fd, skipping, eof;
	int cutlast;                 /* a last line without '\n' was cut (traces) */
	char *buf;
	size_t cap, len, pos, max;              /* max: longest line, 0 LINE_MAX_ */
	unsigned long cut, firstcut;            /* lines dropped; the first's number */
	unsigned long nlines;                   /* lines read, dropped ones too */
	const char *br;              /* nextline()'s line's only '[' (its end
	                                when none), NULL: more, or not known */
};

/* What the table rows read so far say about one event: the strongest ROW_*
 * outcome, how many rows gave it (up to 2: more than one) and the first;
 * unsure: the row may not be its socket, because another event's socket
 * (another pointer) in the batch has it too, or tables were left unread;
 * nsfd: the sock_diag socket + 1 whose answer gave the row kept, or 0. */
struct match {
	unsigned char how, rows, unsure;
	int nsfd;
	struct sockrow row;
};

/* What a batch line became, and what a socket lookup found for it. */
struct item {
	struct event ev;
	const char *line;                       /* stack lines: the text, as
	                                           read (blanks lead it) */
	size_t len;
	int kind;                  /* PL_EVENT, PL_STACK, PL_HEAD or PL_LOST */
	struct match m;                         /* reset by lookup_batch() */
};

/* parse_tp()'s memo (-r's speed, FAST): a line's fields after skbaddr= (a
 * new skb's each time) as a line seen lately had them, and what parse_tp()
 * made of them. A storm retransmits a few sockets over and over (tests/
 * data's 6.18 capture: 15 sockets in 200,000 lines; the bench's storm: 16),
 * whose fields are then copied, not read again: 1,500 instructions a line
 * less. tag: the hash of the slot's last text; one seen twice in a row in
 * its slot is kept, so lines seen once cost no copy. */
#define TP_SIZE offsetof(struct event, type)
enum { HAVE_TP = HAVE_ADDR | HAVE_PORTS | HAVE_STATE | HAVE_CA }; /* its bits */
struct seen {
	unsigned long long tag;
	unsigned short n;                       /* text's length; 0: empty */
	unsigned char type, have;               /* the event's type; HAVE_TP */
	unsigned char tp[TP_SIZE];              /* the event's first bytes */
	char text[SEEN_TEXT];
};

/* put_ends()'s memo (FAST): the columns LADDR:LPORT MARK RADDR:RPORT as
 * written for an event with the same fields (parse_tp()'s block, have) and
 * mark: a storm writes its few sockets over and over (400 instructions a row
 * less). Kept from an end pair's second row in a row in its slot. */
struct ends {
	unsigned tag;                           /* the slot's last row's */
	unsigned char have, n;                  /* text's length; 0: empty */
	char mark[2];
	unsigned char tp[TP_SIZE];
	char text[ENDS_TEXT];
};

static struct {
	const char *root;                      /* TCPRETRANS_ROOT or "" */
	char tdir[PATH_MAX];                   /* tracefs, root included */
	char inst[PATH_MAX];                   /* our instance, root included */
	char mnt[PATH_MAX], sys[PATH_MAX];     /* what we mounted */
	char name[32], group[32];              /* tcpretrans.PID.NS, its kprobe
	                                          group tcpretrans_PID_NS */
	const char *reg;                       /* first-argument fetcharg */
	int kptr;                              /* the kernel's pointer size */
	int opt_l, opt_s, opt_K, opt_T, opt_c, opt_j, opt_t, opt_e, opt_p;
	int opt_w, ncong, cong_full;
	struct held held[HOLD_MAX];           /* a ring, oldest at h0 */
	char held_text[HOLD_MAX][HOLD_TEXT];
	int h0, nheld, block;                 /* block: the held event whose
	                                         stack is being read + 1, or 0 */
	int held_cut;                         /* a held stack was cut */
	int held_full;                        /* the ring was full */
	struct cong cong[CONG_SLOTS];
	int replay, kprobe, kphex, has_err;
	unsigned long opt_n, nshown, interval, duration, bufkb;
	int fam, nports, nhosts;              /* -4/-6, -P, -H */
	unsigned short ports[FILT_MAX];
	unsigned char hosts[FILT_MAX][16];
	struct flow flows[FLOWS_MAX];
	unsigned short slot[SLOTS_MAX];       /* flows index + 1, 0 is empty */
	int nflows, open, stacked;
	char last_ts[TS_MAX];                 /* -c: the last counted event's */
	struct owner owners[OWNERS_MAX];      /* -p: a ring of what was found */
	unsigned obatch;                      /* -p: this batch's number */
	unsigned nowners;                     /* owners made: the ring's next */
	struct bigsock bigs[SOCKS_MAX];          /* -p: the big processes' sockets */
	unsigned hhead[HELD_HASH];
	int nbigs;
	long long full_ms;                    /* when the big ones were read */
	int diag;                             /* inet_diag: 0 not asked yet, 1
	                                         there, -1 not (tables are read) */
	int keyok;                            /* HAVE_KEY: an answer proved the
	                                         offsets (diag_ask): compared as
	                                         HAVE_ADDR is in every lookup */
	struct nsdiag nsd[NETNS_MAX];         /* its sockets, one per namespace */
	int nnsd;
	unsigned walk, seq;                   /* namespace walks; requests sent */
	int dirfd;                            /* each_entry()'s directory */
	unsigned long long over_n;            /* -c: events past a full table */
	struct flow over;                     /* their counts by cause (-w) */
	unsigned long over_flows;
	unsigned char over_seen[8192];        /* their flows, by 16 hash bits */
	unsigned done, adopted;                /* S_* steps to undo; of them,
	                                          mounts another run made */
	int tfd;                               /* trace_pipe or replay input */
	int pin;                               /* O_PATH on tracefs: no umount
	                                          under us until our own */
	long long end;                         /* -d: when it ends (mono_ms) */
	long long stop_ms;                     /* a stop's last wait for stdout */
	int unclean;                           /* teardown left something */
	volatile sig_atomic_t stop;
	int ofd, stuck;                        /* stdout; it stopped taking output */
	unsigned long long unwritten;          /* bytes a stuck stdout did not take */
	sigset_t mask;                         /* the signal mask to wait with */
	int out_gone, clock;
	long long clock_off;                   /* wall minus trace time, in us */
	long long sync_us, sync_ms;            /* wall time of our last marker */
	long long sync_off[2];                 /* clock_offsets() then */
	unsigned long bad, other, badline, lineno;
	unsigned long long lost, lost_new;        /* events the kernel dropped */
	unsigned long lost_unk;                /* losses a saved trace did not count */
	struct item batch[BATCH_MAX];
	int nbatch;
	char rd[REPLAY_MAX + 1], file[FILE_MAX + 2], out[OUT_MAX];
	size_t outlen;
	unsigned char tz[FILE_MAX + 1];        /* TZif data; + 1 tells "too big" */
	size_t tzlen;                          /* 0: no TZif, the POSIX rules */
	const unsigned char *tztr;             /* its transitions, then indexes */
	unsigned long tzn, tztypes;            /* transitions, local time types */
	int tzsz, tzfoot;                      /* time size; footer rules valid */
	struct tzspec tzs;                     /* POSIX TZ or the TZif footer */
	long long tzlo, tzhi;                  /* cached offset is valid here */
	long tzoff;
	struct seen seen[FAST ? SEEN_SLOTS : 1];   /* -r's memos */
	struct ends ends[FAST ? ENDS_SLOTS : 1];
} G;

static const char state_names[][16] = {      /* 16: a row copies them whole */
	"-", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
	"TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING",
	"NEW_SYN_RECV", "BOUND_INACTIVE",
};
#define NSTATES (sizeof state_names / sizeof *state_names)

static const char *const cause_names[NCAUSES] = {
	"-", "RTO", "FAST", "LOSS", "TLP", "SYNACK", "ACK",
};

static const char usage_text[] =
"usage: tcpretrans [-hlsKTcjtewp46] [-i SECS] [-d SECS] [-n COUNT] [-b KB]\n"
"                  [-P PORT]... [-H ADDR]... [-r FILE]\n"
"\n"
"Show TCP retransmits as they happen, using Linux ftrace (run as root).\n"
"\n"
"  -h       show this help and exit\n"
"  -l       also trace tail loss probes, rows marked L> (needs kprobe events)\n"
"  -s       print the kernel stack under each event\n"
"  -K       use the kprobe on tcp_retransmit_skb (needs kprobe events)\n"
"  -T       use the tcp:tcp_retransmit_skb tracepoint (Linux 4.15+)\n"
"  -c       count retransmits per flow; print the table at the end (no -p, -s)\n"
"  -i SECS  with -c, also print (and empty) the table every SECS seconds\n"
"  -j       JSON Lines: one object per event, or per flow with -c\n"
"  -t       show the kernel's timestamp instead of HH:MM:SS\n"
"  -e       also show attempts not counted as retransmits, rows E> (6.17+)\n"
"  -w       add a CAUSE column: RTO, FAST, LOSS, TLP, SYNACK, ACK or -\n"
"  -p       show the process owning each socket: its PID and a COMM column\n"
"  -4, -6   only IPv4, only IPv6 sockets\n"
"  -P PORT  only sockets with this local or remote port (up to 8 -P)\n"
"  -H ADDR  only sockets with this local or remote address (up to 8 -H)\n"
"  -d SECS  end after SECS seconds\n"
"  -n COUNT end after COUNT rows\n"
"  -b KB    trace buffer per CPU, in KiB (more if events are lost)\n"
"  -r FILE  decode a saved trace instead of tracing (\"-\" for stdin)\n"
"\n"
"Columns: TIME PID LADDR:LPORT R>|L>|E> RADDR:RPORT STATE, as the perf tools print.\n"
"Exit status: 0 done, 1 error, 2 bad usage, 128+N ended by signal N\n"
"(other than INT, TERM, HUP, QUIT), after removing what it set up.\n";

/* ---- errors and output ------------------------------------------------- */

/* Put m bytes at b + k, as much as fits in n: those of s, or m times c
 * when s is NULL. Returns k + m. A loop: the pieces are short, and -Os
 * makes memcpy a rep movsb, which costs ~30 cycles to start. */
static size_t put_n(char *b, size_t n, size_t k, const char *s, int c, size_t m)
{
	size_t i;

	for (i = 0; i < m && k + i < n; i++)
		b[k + i] = s ? s[i] : c;
	return k + m;
}

/* A small vsnprintf, so that libc's (and its floating point) stays out:
 * %[-0][width|*][.prec|.*][l|ll] with s d u x c and %%. Always terminates b;
 * returns the length the whole result would have. */
static int vsfmt(char *b, size_t n, const char *f, va_list ap)
{
	size_t k = 0, len, pad;
#define PUT(c) (k < n ? (void)(b[k] = (c)) : (void)0, k++)

	for (; *f; f++) {
		char num[24], *s = num + sizeof num, *z;
		int left = 0, zero = 0, w = 0, prec = -1, lng = 0, neg = 0;
		unsigned long long v, q;

		if (*f != '%') {
			PUT(*f);
			continue;
		}
		for (f++; *f == '-' || *f == '0'; f++)
			*f == '-' ? (left = 1) : (zero = 1);
		if (*f == '*')
			w = va_arg(ap, int), f++;
		for (; *f >= '0' && *f <= '9'; f++)
			w = w * 10 + *f - '0';
		if (*f == '.' && *++f == '*')
			prec = va_arg(ap, int), f++;
		else if (f[-1] == '.')
			for (prec = 0; *f >= '0' && *f <= '9'; f++)
				prec = prec * 10 + *f - '0';
		for (; *f == 'l'; f++)
			lng++;
		if (*f == 's') {
			s = va_arg(ap, char *);     /* %.*s: no NUL needed */
			len = prec < 0 ? strlen(s) : (z = memchr(s, 0, prec)) ? (size_t)(z - s)
			    : (size_t)prec;
		} else if (*f == 'c' || *f == '%') {
			num[0] = *f == 'c' ? va_arg(ap, int) : '%';
			s = num, len = 1;
		} else {
			if (*f == 'd') {
				long long x = lng > 1 ? va_arg(ap, long long) : lng ?
				    va_arg(ap, long) : va_arg(ap, int);
				neg = x < 0, v = neg ? -(unsigned long long)x : (unsigned long long)x;
			} else
				v = lng > 1 ? va_arg(ap, unsigned long long) : lng ?
				    va_arg(ap, unsigned long) : va_arg(ap, unsigned);
			do {    /* -Os divides by 10 with div: 32 bits multiply */
				q = *f == 'x' ? v >> 4 : v >> 32 ? v / 10
				    : v * 0xcccccccdULL >> 35;
				*--s = "0123456789abcdef"[v - q * (*f == 'x' ? 16 : 10)];
			} while ((v = q));
			if (neg)
				*--s = '-';
			len = num + sizeof num - s;
		}
		pad = len < (size_t)w ? w - len : 0;
		if (!left)
			k = put_n(b, n, k, NULL, zero ? '0' : ' ', pad), pad = 0;
		k = put_n(b, n, k, s, 0, len);
		k = put_n(b, n, k, NULL, ' ', pad);
	}
	if (n)
		b[k < n ? k : n - 1] = 0;
	return k;
#undef PUT
}

__attribute__((format(printf, 3, 4)))
static int sfmt(char *b, size_t n, const char *f, ...)
{
	va_list ap;
	int k;

	va_start(ap, f);
	k = vsfmt(b, n, f, ap);
	va_end(ap);
	return k;
}

/* The first copy of needle in the n bytes at h, or NULL: a plain search,
 * as the strings searched are short (libc's two-way strstr and memmem are
 * 2.5 KB). */
static char *find(const char *h, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	for (; n >= k; h++, n--)
		if (!memcmp(h, needle, k))
			return (char *)h;
	return NULL;
}

/* strstr(3) by find(). */
static char *sfind(const char *s, const char *needle)
{
	return find(s, strlen(s), needle);
}

/* getenv(3), by a plain search of environ: libc's is 156 bytes more. */
static const char *env(const char *name)
{
	size_t n = strlen(name);
	char **e;

	for (e = environ; e && *e; e++)
		if (!strncmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

/* The unsigned number at the start of s (0 if none). */
static unsigned long long atou(const char *s)
{
	unsigned long long v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + *s++ - '0';
	return v;
}

static void teardown(void);
static long long mono_ms(void);

/* Write n bytes to fd; returns how many could not be written (errno says
 * why). It never blocks in write(): it waits for POLLOUT in ppoll(), where
 * the stop signals get through (they are blocked everywhere else), and then
 * writes at most PIPE_BUF bytes: on a pipe POLLOUT means a free page, on a
 * socket a send buffer at most a quarter full, so that write returns at once
 * (ttys and pipes get a private O_NONBLOCK description in main(): that one
 * takes all it can, a syscall per pipe's worth, not per page). After a
 * stop signal it waits STUCK_MS at most in all (a slow reader too); from
 * then on only what goes at once is written. -d's end and -n's count are
 * stops too: no wait goes STUCK_MS past them. */
static size_t send_all(int fd, const char *p, size_t n)
{
	struct pollfd pf = { fd, POLLOUT, 0 };
	struct timespec to;
	long long w;
	ssize_t k;

	while (n) {
		if (G.stop && !G.stop_ms)
			G.stop_ms = mono_ms() + STUCK_MS;
		w = G.stop ? G.stop_ms : G.end ? G.end + STUCK_MS : 0;
		w = G.stuck ? 0 : !w ? -1 : w > mono_ms() ? w - mono_ms() : 0;
		to.tv_sec = w / 1000, to.tv_nsec = w % 1000 * 1000000;
		k = ppoll(&pf, 1, w >= 0 ? &to : NULL, &G.mask);
		if (k > 0)
			k = write(fd, p, n < PIPE_BUF || (fd == G.ofd && fd != 1) ? n
			    : PIPE_BUF);
		if (k > 0)
			p += k, n -= k;
		else if (!k)
			G.stuck = 1;           /* stopped, and the reader is stuck */
		if (k == 0 || (k < 0 && errno != EINTR && errno != EAGAIN))
			break;
	}
	return n;
}

/* strerror(3); in a build without libc's texts (2 KB), the errno's name
 * ("EACCES") or number. */
static const char *errstr(int e)
{
	static const unsigned char code[] = { EPERM, ENOENT, ESRCH, EINTR, EIO,
	    ENXIO, EBADF, EAGAIN, ENOMEM, EACCES, EBUSY, EEXIST, ENODEV, ENOTDIR,
	    EISDIR, EINVAL, EMFILE, ENOSPC, EROFS, EPIPE, ENAMETOOLONG, ENOSYS,
	    ENOTEMPTY, ELOOP, 0 };                    /* (MIPS numbers differ) */
	static const char name[] = "EPERM\0ENOENT\0ESRCH\0EINTR\0EIO\0ENXIO\0"
	    "EBADF\0EAGAIN\0ENOMEM\0EACCES\0EBUSY\0EEXIST\0ENODEV\0ENOTDIR\0"
	    "EISDIR\0EINVAL\0EMFILE\0ENOSPC\0EROFS\0EPIPE\0ENAMETOOLONG\0"
	    "ENOSYS\0ENOTEMPTY\0ELOOP";
	static char b[16];
	const char *t = name;
	int i;

	if (FEATURE_STRERROR)
		return strerror(e);
	for (i = 0; code[i]; t += strlen(t) + 1, i++)
		if (code[i] == e)
			return t;
	sfmt(b, sizeof b, "errno %d", e);
	return b;
}

/* Print "tcpretrans: MSG" to stderr; a FORMAT ending in ':' gets strerror
 * (a value ending in ':', "-:" or a file name, does not). */
static void vwarnx(const char *fmt, va_list ap)
{
	char m[640] = "tcpretrans: ";
	int e = errno, n = 12 + vsfmt(m + 12, sizeof m - 12 - 80, fmt, ap);

	if (n > (int)sizeof m - 81)
		n = sizeof m - 81;
	if (*fmt && fmt[strlen(fmt) - 1] == ':')
		n += sfmt(m + n, 79, " %s", errstr(e));
	m[n++] = '\n';
	send_all(2, m, n);
	errno = e;
}

__attribute__((format(printf, 1, 2)))
static void warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
}

/* Report, undo everything set up so far, exit 1. */
__attribute__((format(printf, 1, 2), noreturn))
static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
	teardown();
	exit(1);
}

/* Is option c switched off in this build? */
static int not_built(int c)
{
	return (!FEATURE_OWNERS && c == 'p') || (!FEATURE_COUNT && c == 'c')
	    || (!(FEATURE_COUNT && FEATURE_INTERVAL) && c == 'i')
	    || (!FEATURE_FILTER && strchr("46PH", c))
	    || (!FEATURE_JSON && c == 'j') || (!FEATURE_CAUSES && c == 'w')
	    || (!FEATURE_FAILED && c == 'e');
}

/* The usage text of this build: without the lines of the options it has
 * not, nor their letters and "[-i SECS]" in the synopsis. */
static const char *usage_built(void)
{
	static char b[sizeof usage_text];
	const char *s = usage_text;
	char *p = b;
	int group = 0;                      /* in "[-hls...]" */

	if (ALL_OPTIONS)
		return usage_text;
	for (; *s; s++) {
		if (*s == '[')
			group = s[1] == '-' && s[3] != ' ';
		if (*s == ']')
			group = 0;
		if ((s == usage_text || s[-1] == '\n') && !strncmp(s, "  -", 3)
		    && not_built(s[3]))
			s = strchr(s, '\n');       /* "  -p       show ..." */
		else if (*s == '[' && s[1] == '-' && s[3] == ' ' && not_built(s[2])) {
			for (s = strchr(s, ']'); s[1] == '.'; s++)
				;                       /* "[-i SECS] ", "[-P PORT]... " */
			s += s[1] == ' ';
		} else if (!group || !not_built(*s))
			*p++ = *s;
	}
	return b;
}

__attribute__((noreturn))
static void usage(int code)
{
	const char *u = usage_built();

	if (code) {
		if (write(2, u, sfind(u, "\n\n") + 1 - u) < 0)
			exit(code);
	} else if (write(1, u, strlen(u)) < 0)
		exit(1);
	exit(code);
}

/* Write the output buffer to stdout; a closed reader ends the run, and what
 * a stuck one did not take after a stop is counted for the report. Any
 * other error (ENOSPC, EIO) is named and ends the run. */
static void flush_out(void)
{
	size_t left = G.out_gone ? 0 : send_all(G.ofd, G.out, G.outlen);

	if (left && errno == EPIPE)
		G.out_gone = 1;
	else if (left && !G.stuck)
		die("stdout:");
	else
		G.unwritten += left;
	G.outlen = 0;
}

/* Append to the output buffer, writing it out first when full: a long stack
 * streams through it. One piece is at most a line (LINE_MAX_ < OUT_MAX). */
__attribute__((format(printf, 1, 2)))
static void out(const char *fmt, ...)
{
	va_list ap;
	int n, again;

	for (again = 1;; again = 0) {
		va_start(ap, fmt);
		n = vsfmt(G.out + G.outlen, sizeof G.out - G.outlen, fmt, ap);
		va_end(ap);
		if ((size_t)n < sizeof G.out - G.outlen) {
			G.outlen += n;
			return;
		}
		G.out[G.outlen] = 0;
		if (!again)
			return;
		flush_out();
	}
}

/* ---- paths and files --------------------------------------------------- */

/* Format into buf (PATH_MAX); a path that does not fit is an error. */
__attribute__((format(printf, 2, 3)))
static char *pathf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsfmt(buf, PATH_MAX, fmt, ap);
	va_end(ap);
	if (n < 0 || n >= PATH_MAX)
		die("path too long: %.80s...", buf);
	return buf;
}

/* Flags for every open: TCPRETRANS_ROOT is a test seam, and a symlink there
 * (the last part of a path) is not followed, so it cannot point writes at
 * real files. Its tables are read; inet_diag only if its proc is the real
 * one (diag_probe()). */
static int nofollow(void)
{
	return *G.root ? O_NOFOLLOW : 0;
}

/* Read a whole small file into G.file, NUL-terminated; -1 on error. */
static ssize_t slurp(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | nofollow());
	size_t len = 0;
	ssize_t n = 0;

	if (fd < 0)
		return -1;
	while (len < FILE_MAX && ((n = read(fd, G.file + len, FILE_MAX - len)) > 0
	    || (n < 0 && errno == EINTR)))
		if (n > 0)
			len += n;
	close(fd);
	if (n < 0)
		return -1;
	G.file[len] = 0;
	return len;
}

/* The test seam is no way to write elsewhere: no directory below
 * TCPRETRANS_ROOT may be a symlink (O_NOFOLLOW guards only the last part). */
static int seam_ok(const char *path)
{
	char b[PATH_MAX];
	struct stat st;
	size_t i, n = strlen(G.root);

	for (i = n + 1; n && i < PATH_MAX && path[i]; i++)
		if (path[i] == '/') {
			memcpy(b, path, i), b[i] = 0;
			if (!lstat(b, &st) && S_ISLNK(st.st_mode))
				return errno = ELOOP, 0;
		}
	return 1;
}

/* Write s to path: flags add O_APPEND (kprobe_events) or O_TRUNC. */
static int put(const char *path, const char *s, int flags)
{
	int fd = seam_ok(path) ? open(path, O_WRONLY | O_CLOEXEC | nofollow()
	    | flags) : -1, e;
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	e = errno;
	if (close(fd) < 0 && n >= 0)
		return -1;
	errno = e;
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

/* ---- line reader ------------------------------------------------------- */

/* memchr(3), 16 bytes a step with SSE2 (every x86_64): -r looks for '\n'
 * and '[' along each line, and musl's goes a word at a time. TINY=1 builds
 * leave out this and every SSE2 loop (1.1 KB on x86_64). */
static char *find_c(const char *s, int c, size_t n)
{
#if VEC
	typedef char v16 __attribute__((vector_size(16)));
	v16 x, k = (v16){0} + (char)c;
	int m;

	for (; n >= 16; s += 16, n -= 16) {
		memcpy(&x, s, 16);
		if ((m = __builtin_ia32_pmovmskb128(x == k)))
			return (char *)s + __builtin_ctz(m);
	}
#endif
	return memchr(s, c, n);
}

/* find_c(s, '\n', n) that also sets *br: the one '[' before the '\n', the
 * '\n' when there is none, NULL when there are more or when the 32-byte
 * steps did not reach the '\n'. Seen here, with the '\n', parse_head()
 * need not look for the '[' again: its scans cost 200 Ir a line. */
static char *find_nl(const char *s, size_t n, const char **br)
{
#if VEC
	typedef char v16 __attribute__((vector_size(16)));
	const v16 nl = (v16){0} + '\n', lb = (v16){0} + '[';
	v16 x, y;
	const char *b = NULL;
	unsigned m, k;
	int more = 0;

	for (; n >= 32; s += 32, n -= 32) {  /* 32 a step, 1 test: 30 Ir less */
		memcpy(&x, s, 16), memcpy(&y, s + 16, 16);
		if (!__builtin_ia32_pmovmskb128((x == nl) | (x == lb) | (y == nl)
		    | (y == lb)))
			continue;
		k = __builtin_ia32_pmovmskb128(x == nl)
		    | (unsigned)__builtin_ia32_pmovmskb128(y == nl) << 16;
		m = __builtin_ia32_pmovmskb128(x == lb)
		    | (unsigned)__builtin_ia32_pmovmskb128(y == lb) << 16;
		if ((m &= (k & -k) - 1))         /* the '[' before a '\n' */
			more |= b || m & (m - 1), b = b ? b : s + __builtin_ctz(m);
		if (k) {
			*br = more ? NULL : b ? b : s + __builtin_ctz(k);
			return (char *)s + __builtin_ctz(k);
		}
	}
#endif
	*br = NULL;
	return memchr(s, '\n', n);
}

/* Next complete line (NUL-terminated, no '\n') or NULL: then call refill().
 * A line over LINE_MAX_ is dropped, and so is a last line without '\n' where
 * that means the input was cut (cutlast): counted in cut, never returned. */
static char *nextline(struct lines *l, size_t *n)
{
	for (;;) {
		char *s = l->buf + l->pos, *nl = find_nl(s, l->len - l->pos, &l->br);
		size_t k = nl ? (size_t)(nl - s) : l->len - l->pos;
		int last = !nl && l->eof && k;      /* the last line, no '\n' */

		if (k > (l->max ? l->max : LINE_MAX_) || (last && l->cutlast)) {
			if (!l->skipping && !l->cut++)
				l->firstcut = l->nlines + 1;
			l->skipping = 1;
		}
		if (!nl && !last) {
			if (l->skipping)
				l->pos = l->len;           /* keep none of a dropped line */
			return NULL;
		}
		if (!nl)
			nl = l->buf + l->len++;
		*nl = 0;
		l->pos = nl + 1 - l->buf;
		l->nlines++;
		if (l->skipping) {
			l->skipping = 0;
			continue;
		}
		*n = k;
		return s;
	}
}

/* Move the partial line to the front and read once: >0, 0 at end, -1. */
static ssize_t refill(struct lines *l)
{
	ssize_t n;

	memmove(l->buf, l->buf + l->pos, l->len - l->pos);
	l->len -= l->pos;
	l->pos = 0;
	n = read(l->fd, l->buf + l->len, l->cap - 1 - l->len);
	if (n > 0)
		l->len += n;
	else if (n == 0)
		l->eof = 1;
	return n;
}

/* Call fn on each line of a file read as a stream (files such as /proc/mounts
 * grow past any buffer) until fn returns nonzero, which is returned; -1 if the
 * file cannot be opened. Lines over FILE_MAX (a container host's overlay
 * mounts pass 1 KiB) are skipped: said when fn found nothing (once), as one
 * of them may have been what it looked for. */
static int each_line(const char *path, int (*fn)(char *, void *), void *arg)
{
	struct lines l = { .buf = G.file, .cap = sizeof G.file, .max = FILE_MAX };
	char *s;
	size_t n;
	int r = 0;
	static int said;

	if ((l.fd = open(path, O_RDONLY | O_CLOEXEC | nofollow())) < 0)
		return -1;
	while (!r && (refill(&l) > 0 || l.pos < l.len))
		while (!r && (s = nextline(&l, &n)))
			r = fn(s, arg);
	close(l.fd);
	if (!r && l.cut && FIRST(said))
		warnx("%s: %lu line%s over %d bytes skipped", path, l.cut,
		    l.cut == 1 ? "" : "s", FILE_MAX);
	return r;
}

/* ---- small parsers ----------------------------------------------------- */

/* The end of the token at p: the next space, or e. */
static const char *skip(const char *p, const char *e)
{
#if VEC                         /* 16 bytes a step */
	typedef char v16 __attribute__((vector_size(16)));
	v16 x;
	int m;

	for (; e - p >= 16; p += 16) {
		memcpy(&x, p, 16);
		if ((m = __builtin_ia32_pmovmskb128(x == (v16){0} + ' ')))
			return p + __builtin_ctz(m);
	}
#endif
	while (p < e && *p != ' ')
		p++;
	return p;
}

/* Are the n bytes at a and b the same? 8 at a time (16 with SSE2): musl's
 * memcmp() goes byte by byte, and each trace line has names and prefixes
 * to compare, and parse_tp_seen() whole texts. */
static int same(const void *a, const void *b, size_t n)
{
	const char *x = a, *y = b;
	unsigned long long u, v;
	size_t k;

	if (n < 8) {
		while (n && *x == *y)
			x++, y++, n--;
		return !n;
	}
#if VEC               /* 16 a step, one test (parse_tp_seen(): ~170 bytes) */
	if (n >= 16) {
		typedef char v16 __attribute__((vector_size(16)));
		v16 g, h, d;
		memcpy(&g, x, 16), memcpy(&h, y, 16);
		if (__builtin_ia32_pmovmskb128(g == h) != 0xffff)
			return 0;                /* a memo's other socket: at once */
		for (d = g ^ h, k = 16; k < n - 16; k += 16) {
			memcpy(&g, x + k, 16), memcpy(&h, y + k, 16);
			d |= g ^ h;
		}
		memcpy(&g, x + n - 16, 16), memcpy(&h, y + n - 16, 16);
		return __builtin_ia32_pmovmskb128((d | (g ^ h)) == (v16){0}) == 0xffff;
	}
#endif
	for (;; x += k, y += k, n -= k) {    /* the last 8 may overlap */
		memcpy(&u, x, 8), memcpy(&v, y, 8);
		if (u != v || n == 8)
			return u == v;
		k = n < 16 ? n - 8 : 8;
	}
}

/* memcpy(3), 16 a step (the last may overlap): gcc -Os makes a memcpy() of
 * unknown size "rep movsb", slow to start. The memos' copies are 16 or more. */
static void copy16(void *d, const void *s, size_t n)
{
	size_t k;

	if (n < 16) {
		memcpy(d, s, n);
		return;
	}
	for (k = 0; k < n - 16; k += 16)
		memcpy((char *)d + k, (const char *)s + k, 16);
	memcpy((char *)d + n - 16, (const char *)s + n - 16, 16);
}

/* Is p, where a value's parser stopped, the end of its token? */
__attribute__((always_inline))  /* a call costs more than its test */
static inline int at_end(const char *p, const char *e)
{
	return p && (p == e || *p == ' ');
}

/* Eight digit values, one a byte, the first in the lowest (a little-endian
 * load of the text minus '0's), as a number: 3 multiplies, no loop (SWAR).
 * scan_dec8() and digits8() share it. */
static inline unsigned long long digit_word(unsigned long long w)
{
	w = (w * 10 + (w >> 8)) & 0x00ff00ff00ff00ffULL;
	w = (w * 100 + (w >> 16)) & 0x0000ffff0000ffffULL;
	return (w * 10000 + (w >> 32)) & 0xffffffffULL;
}

#if VEC
/* Are the 16 bytes at s all hex digits? Their value then into v: 16 digits
 * at once where scan_num()'s loop took 300 Ir a line (skaddr's). */
static int hex16(const char *s, unsigned long long *v)
{
	typedef signed char v16 __attribute__((vector_size(16)));
	typedef char c16 __attribute__((vector_size(16)));  /* (pmovmskb's) */
	typedef short v8 __attribute__((vector_size(16)));
	typedef unsigned long long v2 __attribute__((vector_size(16)));
	v16 x, l, let, z = { 0 };
	v8 w;

	memcpy(&x, s, 16);
	l = x | (z + 32);                           /* letters in lower case */
	let = (l > z + 'a' - 1) & (l < z + 'f' + 1);   /* (0x80 and up: < 0) */
	if (__builtin_ia32_pmovmskb128((c16)(let | ((x > z + '0' - 1)
	    & (x < z + '9' + 1)))) != 0xffff)
		return 0;
	w = (v8)((x & (z + 15)) + (let & (z + 9)));  /* each digit's value */
	w = (w << 4 & 0xf0) | w >> 8;                /* 2 a byte, 1st high */
	*v = __builtin_bswap64(((v2)__builtin_ia32_packuswb128(w, w))[0]);
	return 1;
}

/* The decimal digits that lead the 16 bytes at s, up to 8 of them: their
 * count, their value into v (SWAR: 3 multiplies). A digit at a time was 15
 * Ir a digit and ports have 5. */
static int scan_dec8(const char *s, unsigned long long *v)
{
	typedef signed char v16 __attribute__((vector_size(16)));
	typedef char c16 __attribute__((vector_size(16)));
	v16 x, z = { 0 };
	unsigned long long w;
	int n;

	memcpy(&x, s, 16);
	n = __builtin_ctz(~__builtin_ia32_pmovmskb128((c16)((x > z + '0' - 1)
	    & (x < z + '9' + 1))) | 0x100);
	if (!n)
		return 0;
	memcpy(&w, s, 8);                  /* (little-endian: 1st digit low) */
	*v = digit_word((w - 0x3030303030303030ULL) << 8 * (8 - n));  /* zeros lead */
	return n;
}
#endif

/* The digits of an unsigned number at s, before e: hex after "0x" or when
 * hex is set, else decimal; their end (the first other char), or NULL when
 * there are none or they overflow (v is then left as it was). */
static const char *scan_num(const char *s, const char *e, int hex,
                            unsigned long long *v)
{
	unsigned long long x = 0;
	const char *b;
	unsigned d, base;

	if (e - s > 2 && s[0] == '0' && (s[1] | 32) == 'x')
		hex = 1, s += 2;
	b = s;
#if VEC               /* 16 hex or 8 decimal digits cannot overflow; more:
                         below. 218 and 47 Ir a line less (skaddr, ports) */
	if (e - s >= 16)
		s += hex ? 16 * hex16(s, &x) : scan_dec8(s, &x);
#endif
	for (base = hex ? 16 : 10; s < e; s++) {
		if ((d = *s - '0') > 9
		    && (!hex || (d = (*s | 32) - 'a' + 10) - 10 > 5))
			break;
		if (!(x >> 59))          /* below 2^59 it cannot overflow */
			x = x * base + d;
		else if (__builtin_mul_overflow(x, base, &x)
		    || __builtin_add_overflow(x, d, &x))
			return NULL;
	}
	if (s == b)
		return NULL;
	*v = x;
	return s;
}

/* Unsigned number of n chars: hex with "0x" or when hex is set, else decimal. */
static int parse_num(const char *s, size_t n, int hex, unsigned long long *v)
{
	unsigned long long x;

	if (scan_num(s, s + n, hex, &x) != s + n)
		return -1;
	*v = x;
	return 0;
}

/* A key's first 8 bytes as a number (byte i at bits 8i), as key8() and K8()
 * make it: each candidate key is then one compare, not a memcmp() call
 * (14 of them a line, 8% of -r's time). One load where the line has 8 bytes
 * from k: a loop over the key's bytes was 7% of -r's time in turn. */
__attribute__((always_inline))  /* one load and a mask: less than a call */
static inline unsigned long long key8(const char *k, size_t kl, const char *e)
{
	unsigned long long x = 0;
	size_t i;

	if (e - k >= 8) {
		memcpy(&x, k, 8);
		if (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__)
			x = __builtin_bswap64(x);
		return kl < 8 ? x & ((1ULL << 8 * kl) - 1) : x;
	}
	for (i = 0; i < kl && i < 8; i++)
		x |= (unsigned long long)(unsigned char)k[i] << 8 * i;
	return x;
}

#define KB(s, i) ((i) < sizeof s - 1 ? (unsigned long long)(unsigned char) \
    s[(i) < sizeof s ? (i) : 0] << 8 * (i) : 0)
#define K8(s) (KB(s, 0) | KB(s, 1) | KB(s, 2) | KB(s, 3) | KB(s, 4) | KB(s, 5) \
    | KB(s, 6) | KB(s, 7))

/* A dotted quad ("10.0.0.1": 0-255 each, no leading zeros) at s, before e,
 * into 4 bytes, as inet_pton(3); its end, or NULL. */
static const char *scan_v4(const char *s, const char *e, unsigned char *a)
{
	unsigned i, v, c;

	for (i = 0;; s++) {             /* the digits unrolled: 2x faster */
		if (s == e || (v = *s++ - '0') > 9)
			return NULL;
		if (s < e && (c = *s - '0') <= 9) {
			if (!v)
				return NULL;    /* a leading zero */
			v = v * 10 + c;
			if (++s < e && (c = *s - '0') <= 9) {
				v = v * 10 + c;
				if (v > 255 || (++s < e && (unsigned)(*s - '0') <= 9))
					return NULL;
			}
		}
		a[i] = v;
		if (++i == 4)
			return s;
		if (s == e || *s != '.')
			return NULL;
	}
}

/* An IPv6 address (RFC 4291 text: groups of 1 to 4 hex digits, one "::",
 * maybe a dotted quad last) that is all of the string s, in a buffer
 * ending before e, into 16 bytes; as inet_pton(3), whose musl code is
 * 0.8 KB. */
static int parse_v6(const char *s, const char *e, unsigned char a[16])
{
	unsigned char w[16];
	int n = 0, gap = -1, d, v, x;

	if (*s == ':' && *++s != ':')       /* a ':' leads only in "::" */
		return -1;
	while (*s) {
		if (*s == ':') {                /* the second ':' of "::" */
			if (gap >= 0)
				return -1;
			gap = n, s++;
			continue;
		}
		for (v = d = 0; d < 4; d++, s++, v = v * 16 + x)
			if ((x = *s - '0') < 0 || x > 9)
				if ((x = (*s | 32) - 'a' + 10) < 10 || x > 15)
					break;
		if (*s == '.' && d && n <= 12) {      /* a dotted quad ends it */
			if (!(s = scan_v4(s - d, e, w + n)) || *s)
				return -1;
			n += 4;
			break;
		}
		if (!d || n == 16 || (*s && *s != ':') || (*s == ':' && !*++s))
			return -1;                  /* (a ':' ends only in "::") */
		w[n++] = v >> 8, w[n++] = v;
	}
	if (gap < 0 ? n != 16 : n == 16)
		return -1;
	memset(a, 0, 16);
	memcpy(a, w, gap < 0 ? n : gap);
	if (gap >= 0)
		memcpy(a + 16 - (n - gap), w + gap, n - gap);
	return 0;
}

/* The IPv4 mapped prefix (::ffff:) into a's first 12 bytes. */
static void map4(unsigned char a[16])
{
	memset(a, 0, 10);
	a[10] = a[11] = 0xff;
}

/* IPv4 or IPv6 text at s, up to a space or e, into 16 bytes (IPv4 mapped);
 * its end (that space or e), or NULL. A dotted quad, bare or after "::ffff:" (the kernel's
 * IPv4 mapped form), is read where it is: as below, faster. Else the text
 * is copied to be read as a string, and, in the one pass, is it IPv6? */
static const char *scan_addr(const char *s, const char *e, unsigned char a[16])
{
	char b[48];
	const char *t = scan_v4(s + 7 * (e - s > 7 && key8(s, 7, e) == K8("::ffff:")),
	    e, a + 12);
	size_t i;
	int v6 = 0;

	if (!at_end(t, e)) {
		for (i = 0; s + i < e && s[i] != ' '; i++) {
			if (i == sizeof b - 1)
				return NULL;
			v6 |= (b[i] = s[i]) == ':';
		}
		b[i] = 0;
		if (v6)
			return parse_v6(b, b + sizeof b, a) ? NULL : s + i;
		if (!(t = scan_v4(b, b + sizeof b, a + 12)) || *t)
			return NULL;
		t = s + i;
	}
	map4(a);
	return t;
}

/* IPv4 or IPv6 text of n chars into 16 bytes (IPv4 mapped). */
static int parse_addr(const char *s, size_t n, unsigned char a[16])
{
	return scan_addr(s, s + n, a) == s + n ? 0 : -1;
}

/* Is the text at t, before e, "::ffff:" and then the n bytes at s (n > 0)
 * to the end of its token? Its end then, else NULL. An AF_INET socket's
 * saddrv6 is its saddr so (TP_STORE_V4MAPPED): the value is saddr's when
 * saddr's text is a dotted quad, with no second parse (229 Ir a line
 * less). */
static const char *v4_again(const char *t, const char *e, const char *s,
                            size_t n)
{
	return n && (size_t)(e - t) >= n + 7 && key8(t, 7, e) == K8("::ffff:")
	    && same(t + 7, s, n) && at_end(t + 7 + n, e) ? t + 7 + n : NULL;
}

static int is_mapped(const unsigned char a[16])
{
	static const unsigned char pre[12] = { [10] = 0xff, [11] = 0xff };

	return same(a, pre, 12);
}

/* Map a 32-bit word as the kernel stored it (network order) into a[off]. */
static void put_be32(unsigned char *a, unsigned long long v)
{
	unsigned int w = v;

	memcpy(a, &w, 4);
}

/* TCP state from "TCP_ESTABLISHED", "ESTABLISHED" or a number; 0 unknown. */
static int parse_state(const char *s, size_t n)
{
	unsigned long long v;
	const char *m;
	size_t i, k;

	if (n > 4 && s[0] == 'T' && s[1] == 'C' && s[2] == 'P' && s[3] == '_')
		s += 4, n -= 4;
	for (i = 1; i < NSTATES; i++) {   /* up to the first difference: */
		m = state_names[i];
		for (k = 0; k < n && m[k] && m[k] == s[k]; k++)
			;                 /* a strlen() each was 60 Ir a line */
		if (k == n && !m[k])
			return i;
	}
	return !parse_num(s, n, 0, &v) && v < NSTATES ? (int)v : 0;
}

/* ---- /proc/net/tcp parser ---------------------------------------------- */

/* Parse one /proc/net/tcp{,6} row: 0, 1 for the header, -1 for bogus. */
static int parse_tcp_row(const char *s, size_t n, struct sockrow *r)
{
	const char *e = s + n, *t[12];
	size_t tl[12];
	unsigned long long v;
	int k, i, w;

	for (k = 0; k < 12; k++) {           /* the first 12 columns */
		while (s < e && *s == ' ')
			s++;
		t[k] = s;
		while (s < e && *s != ' ')
			s++;
		if (!(tl[k] = s - t[k]))
			return -1;
	}
	if (tl[0] == 2 && !memcmp(t[0], "sl", 2))
		return 1;
	for (i = 0; i < 2; i++) {            /* local, remote: ADDR:PORT */
		const char *a = t[1 + i];
		size_t al = tl[1 + i];
		unsigned char *d = i ? r->raddr : r->laddr;

		if ((al != 13 && al != 37) || a[al - 5] != ':'
		    || parse_num(a + al - 4, 4, 1, &v))
			return -1;
		*(i ? &r->rport : &r->lport) = v;
		if (al == 13) {
			memset(d, 0, 10);
			d[10] = d[11] = 0xff;
		}
		for (w = 0; w < (int)(al - 5) / 8; w++) {
			if (parse_num(a + 8 * w, 8, 1, &v))
				return -1;
			put_be32(d + (al == 13 ? 12 : 4 * w), v);
		}
	}
	if (tl[3] != 2 || parse_num(t[3], 2, 1, &v))
		return -1;
	r->state = v < NSTATES ? v : 0;
	r->in6 = tl[1] == 37;
	if (parse_num(t[11], tl[11], 1, &r->sk))
		r->sk = 0;                   /* "(____ptrval____)" early in boot */
	if (parse_num(t[9], tl[9], 0, &r->inode))
		r->inode = 0;
	return 0;
}

/* ---- trace-line parser ------------------------------------------------- */

/* The first char at s that is not ' ' or '\t', or e: a comm is right-aligned
 * in 16 columns, and a byte at a time cost 75 instructions a line. */
static const char *skip_blanks(const char *s, const char *e)
{
#if VEC                         /* 16 bytes a step */
	typedef char v16 __attribute__((vector_size(16)));
	v16 x;
	int m;

	for (; e - s >= 16; s += 16) {
		memcpy(&x, s, 16);
		if ((m = ~__builtin_ia32_pmovmskb128((x == (v16){0} + ' ')
		    | (x == (v16){0} + '\t')) & 0xffff))
			return s + __builtin_ctz(m);
	}
#endif
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

#if defined __BYTE_ORDER__ && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ \
    && __SIZEOF_POINTER__ == 8
/* Eight digits loaded little-endian (the first digit, the most significant,
 * in the lowest byte) as a number, or -1 when one of them is not a digit. 64-bit machines only:
 * on 32-bit ones (i386, arm) the code costs 200 bytes more. */
static long long digits8(unsigned long long w)
{
	if ((w & 0xf0f0f0f0f0f0f0f0ULL) != 0x3030303030303030ULL
	    || ((w + 0x0606060606060606ULL) & 0xf0f0f0f0f0f0f0f0ULL)
	    != 0x3030303030303030ULL)
		return -1;
	return digit_word(w - 0x3030303030303030ULL);
}
#endif

/* Timestamp "SEC.FRAC" of n chars into ev (sec, usec, text). Plain digits
 * are read here: scan_num() and parse_num() cost 245 instructions a line;
 * they read the rest ("0x1f", 20 digits, bad), as they did all. */
static int parse_ts(const char *s, size_t n, struct event *ev)
{
	const char *e = s + n, *dot;
	unsigned long long v = 0, u = 0, x;  /* x: v and u stay in registers */
	size_t i, fl = 0;
	int plain = 0;

#if defined __BYTE_ORDER__ && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ \
    && __SIZEOF_POINTER__ == 8
	/* ftrace's "%5lu.%06lu" up to 8 digits: 8 bytes at once, 70 Ir less */
	if (n >= 8 && n <= 15 && e[-7] == '.') {
		long long a, b;
		memcpy(&x, e - 8, 8);            /* "?.FFFFFF": "00FFFFFF" */
		b = digits8((x & ~0xffffULL) | 0x3030);
		memcpy(&x, s, 8);                /* the n - 7 digits, '0' before */
		a = digits8(n == 15 ? x : x << (120 - 8 * n)
		    | 0x3030303030303030ULL >> (8 * n - 56));
		plain = a >= 0 && b >= 0, v = a, u = b, fl = 6;
	}
#else
	const char *f = e, *lim = n > 19 ? s + 19 : e;
	unsigned d;

	for (dot = s; dot < lim && (d = *dot - '0') <= 9; dot++)
		v = v * 10 + d;                  /* 19 digits cannot overflow */
	if (dot < e && *dot == '.')
		for (f = dot + 1; f < e && (d = *f - '0') <= 9; f++)
			u = u * 10 + d;
	fl = dot < e ? e - dot - 1 : 0;
	plain = n < TS_MAX && dot > s && f == e
	    && (dot == e || (*dot == '.' && fl && fl <= 9));
#endif
	if (!plain) {
		if (n >= TS_MAX || !(dot = scan_num(s, e, 0, &x)) || (dot < e && *dot != '.'))
			return -1;
		ev->sec = v = x;
		ev->usec = u = 0;
		fl = dot < e ? e - dot - 1 : 0;
		if (dot < e && (!fl || fl > 9 || parse_num(dot + 1, fl, 0, &x)))
			return -1;
		u = dot < e ? x : 0;
	}
	ev->sec = v;
	for (i = fl; i < 6; i++)
		u *= 10;
	for (; i > 6; i--)
		u /= 10;
	ev->usec = u;
	memcpy(ev->ts, s, n);
	ev->ts[n] = 0;
	ev->have |= HAVE_TS;
	return 0;
}

/* The task's pid: the digits after the last '-' before end (tgid column ok). */
static int parse_pid(const char *s, const char *end, int *pid)
{
	const char *d;
	unsigned long long v, m;
	unsigned c;

	while (end > s && end[-1] == ' ')
		end--;
	if (end > s && end[-1] == ')') {     /* "comm-123 (  123)" */
		while (end > s && end[-1] != '(')
			end--;
		if (end == s)
			return -1;
		end--;
		while (end > s && end[-1] == ' ')
			end--;
	}
	/* Read as they are found (parse_num() cost 120 Ir); a digit 11th from
	 * the right or more weighs 10^10, which is enough to say too big. */
	for (v = 0, m = 1, d = end; d > s && (c = d[-1] - '0') <= 9; d--)
		v += c * m, m = m < 10000000000ULL ? m * 10 : m;
	if (d == end || d == s || d[-1] != '-' || v > INT_MAX)
		return -1;
	*pid = v;
	return 0;
}

/* Is the '[' at p the start of a head: " [CPU] ", flags, "TS:", "EVENT:"?
 * 0 no; 1 yes, ev, name and rest set; 2 the head of a marker. */
static int head_at(const char *s, const char *p, const char *e,
                   struct event *ev, const char **name, size_t *nl,
                   const char **rest)
{
	const char *q = p + 1, *tok[2], *t, *l;
	size_t tl[2];
	unsigned cpu = 0;
	int k;

	if (p == s || p[-1] != ' ')
		return 0;
	while (q < e && *q >= '0' && *q <= '9')
		cpu = cpu * 10 + *q++ - '0';
	if (q == p + 1 || q + 1 >= e || *q != ']' || q[1] != ' ')
		return 0;
	for (q += 2, k = 0; k < 2 && q < e; k++) { /* flags? then TS: */
		while (q < e && *q == ' ')
			q++;
		tok[k] = q;      /* skip(): 16 bytes a step, 90 Ir less */
		tl[k] = (q = skip(q, e)) - tok[k];
		if (tl[k] > 1 && tok[k][tl[k] - 1] == ':'
		    && !parse_ts(tok[k], tl[k] - 1, ev))
			break;
	}
	if (k == 2 || q >= e)
		return 0;
	while (q < e && *q == ' ')
		q++;
	t = q, l = e - q > 64 ? q + 64 : e;   /* up to ':' or the end: */
	q = (q = find_c(q, ':', l - q)) ? q : l;   /* "<stack trace>" */
	if (q == t || (q < e ? *q != ':' : *t != '<')
	    || parse_pid(s, p, &ev->pid))
		return 0;
	*name = t, *nl = q - t, *rest = q + (q < e), ev->cpu = cpu + 1;
	return q - t == 18 && t[1] == 'r'     /* not tcp_retransmit_skb */
	    && same(t, "tracing_mark_write", 18) ? 2 : 1;
}

/* Find the head (head_at()); set ev, name and rest. A comm can look like a
 * head ("x-1 [2] 1.5: y"); the fields of our events cannot, having no '[':
 * the last head is the real one, or the first marker's (its text is free).
 * br: the line's only '[' or e (none), as nextline() saw; NULL: look. */
static int parse_head(const char *s, const char *e, struct event *ev,
                      const char **name, size_t *nl, const char **rest,
                      const char *br)
{
	const char *p;

	*name = NULL;
	if (br)
		return br < e && head_at(s, br, e, ev, name, nl, rest) ? 0 : -1;
	for (p = s; (p = find_c(p, '[', e - p))
	    && head_at(s, p, e, ev, name, nl, rest) < 2; p++)
		;
	return *name ? 0 : -1;
}

/* The keys of our events' fields as key_id() numbers them: a key up to 7
 * bytes long is its slot in field_keys (K_V6: v6_0 to v6_3). */
enum { K_CONG = 1, K_V6, K_ERR, K_DEV, K_FAMILY, K_LE, K_SK, K_SPORT, K_SKADDR,
    K_DPORT, K_STATE, K_SADDR, K_DADDR, K_SADDRV6, K_DADDRV6 };
/* Those keys as key_id() reads them, K8() with the length in the top byte
 * (one compare says all), each in the slot its KEY_HASH picks: one look,
 * where a compare per key in turn was 6% of -r's time (and 4 instructions
 * a constant on aarch64). The multiplier was searched for one that puts
 * each key in a slot of its own, saddr to daddrv6 in a row. */
#define KL(lit) (K8(lit) | (sizeof lit - 1ULL) << 56)
#define KEY_HASH(kv) ((kv) * 0xfeb0646163d4002bULL >> 60)
static const unsigned long long field_keys[16] = {
	[K_ERR] = KL("err"), [K_FAMILY] = KL("family"), [K_LE] = KL("le"),
	[K_SK] = KL("sk"), [K_SPORT] = KL("sport"), [K_SKADDR] = KL("skaddr"),
	[K_DPORT] = KL("dport"), [K_STATE] = KL("state"), [K_SADDR] = KL("saddr"),
	[K_DADDR] = KL("daddr"), [K_SADDRV6] = KL("saddrv6"),
	[K_DADDRV6] = KL("daddrv6"),
};

/* The key k of kl bytes as K_*, or 0 for another. */
static HOT_INLINE int key_id(const char *k, size_t kl, const char *e)
{
	unsigned long long kv = key8(k, kl, e);
	unsigned long long kk = kv | (unsigned long long)kl << 56;
	int i = KEY_HASH(kk);

	if (kl < 8 && kk == field_keys[i])  /* most are: first (43 Ir a line) */
		return i;
	if (kl >= 8)
		return kl == 10 && kv == K8("cong_sta") && !memcmp(k + 8, "te", 2)
		    ? K_CONG : 0;
	if (kl == 4 && (kv & 0xfcffffff) == K8("v6_0"))
		return K_V6;
	return kl == 3 && kv == K8("dev") ? K_DEV : 0;  /* (not in the table) */
}

/* The key of the next "key=value" token from *p as key_id() says, -1 at the
 * end; *p is left at its value (the caller goes on from the value's end).
 * Other tokens are skipped. */
static HOT_INLINE int next_key(const char **p, const char *e)
{
	const char *s = *p, *t;

	for (;; s = skip(t, e)) {
		while (s < e && *s == ' ')
			s++;
		if (s >= e)
			return -1;
		t = s;
#if VEC                         /* the first ' ' or '=' of 16 bytes at once */
		if (e - s >= 16) {
			typedef char v16 __attribute__((vector_size(16)));
			v16 x;
			int m;
			memcpy(&x, s, 16);
			m = __builtin_ia32_pmovmskb128((x == (v16){0} + ' ')
			    | (x == (v16){0} + '='));
			t = s + (m ? __builtin_ctz(m) : 16);
			if (m)        /* no byte loop: 90 Ir a line less */
				goto found;
		}
#endif
		for (; t < e && (*t > '=' || (*t != ' ' && *t != '=')); t++)
			;                  /* (a key's letters: one compare) */
#if VEC
found:
#endif
		if (t > s && t < e && *t == '=') {
			*p = t + 1;
			return key_id(s, t - s, e);
		}
	}
}

/* Fields of tcp:tcp_retransmit_skb and tcp:tcp_retransmit_synack, in one
 * pass: each value is parsed where it starts, up to where its parser stops,
 * which must be its token's end. */
static int parse_tp(const char *p, const char *e, struct event *ev)
{
	const char *t;
	unsigned long long x;
	unsigned char ad[4][16];     /* saddr daddr saddrv6 daddrv6 */
	const char *quad[2] = { 0 };  /* saddr's, daddr's text (a quad?) */
	size_t ql[2] = { 0 };        /* its length; 0: not a dotted quad */
	enum { TP_SPORT = 16, TP_DPORT = 32, TP_ALL = 63 };  /* 1 << ad's i */
	int have = 0, fam = 0, neg, i, id;      /* the fields seen */

	for (; (id = next_key(&p, e)) >= 0; p = t ? t : skip(p, e)) {
		t = NULL;                            /* a value not read: skipped */
		if (id == K_FAMILY) {
			t = skip(p, e);
			fam = t - p == 7 && same(p, "AF_INET", 7) ? 4
			    : t - p == 8 && same(p, "AF_INET6", 8) ? 6 : -1;
		} else if (id == K_SPORT || id == K_DPORT) {
			if (!at_end(t = scan_num(p, e, 0, &x), e) || x > 65535)
				return -1;
			*(id == K_SPORT ? &ev->lport : &ev->rport) = x;
			have |= id == K_SPORT ? TP_SPORT : TP_DPORT;
		} else if (id >= K_SADDR && id <= K_DADDRV6) {
			i = id - K_SADDR;
			if (i < 2 && at_end(t = scan_v4(p, e, ad[i] + 12), e))
				map4(ad[i]), quad[i] = p, ql[i] = t - p;
			else if (i > 1
			    && (t = v4_again(p, e, quad[i - 2], ql[i - 2])))
				memcpy(ad[i], ad[i - 2], 16);
			else if (!(t = scan_addr(p, e, ad[i])))
				return -1;
			else if (i < 2)
				ql[i] = 0;
			have |= 1 << i;
		} else if (id == K_STATE) {
			t = skip(p, e);
			if (!(ev->state = parse_state(p, t - p)))
				return -1;
			ev->have |= HAVE_STATE;
		} else if (id == K_ERR) {
			neg = p < e && *p == '-';
			if (!at_end(t = scan_num(p + neg, e, 0, &x), e) || x > INT_MAX)
				return -1;
			ev->err = neg ? -(int)x : (int)x;
		} else if (id == K_CONG) {
			if (!at_end(t = scan_num(p, e, 0, &x), e) || x > 255)
				return -1;
			ev->ca = x, ev->have |= HAVE_CA;
		} else if (id == K_SKADDR) {
			/* %p: hashed, unless hash-ptr is off or no_hash_pointers
			 * is set; a 64-bit hash has no upper half */
			if (!at_end(t = scan_num(p, e, 1, &x), e))
				x = 0, t = NULL;
			ev->sk = x;
			ev->skfrom = ev->sk >> 32 ? PTR_REAL : PTR_HASHED;
		}
	}
	/* Every era has all six; family (5.16+) came after state (5.5+). A
	 * line that lacks one of them was cut. */
	if (have != TP_ALL || fam < 0 || (fam && !(ev->have & HAVE_STATE)
	    && ev->type == EV_RETRANS))
		return -1;
	ev->have |= HAVE_PORTS;
	if (!fam)             /* an AF_INET6 socket may show ::ffff:a.b.c.d too */
		fam = is_mapped(ad[2]) ? (ev->maybe_dual = 1, 4) : 6;
	memcpy(ev->laddr, ad[fam == 6 ? 2 : 0], 16);
	memcpy(ev->raddr, ad[fam == 6 ? 3 : 1], 16);
	ev->family = fam;
	ev->have |= HAVE_ADDR;
	return 0;
}

/* A hash of n >= 16 bytes: their 8-byte words summed (the last 16 may
 * overlap), mixed. A memo's slot, and its tag. */
static unsigned long long text_hash(const char *s, size_t n)
{
	unsigned long long a = n, b = 0, x, y;
	size_t k;

	for (k = 0; k < n - 16; k += 16) {
		memcpy(&x, s + k, 8), memcpy(&y, s + k + 8, 8);
		a += x, b += y;
	}
	memcpy(&x, s + n - 16, 8), memcpy(&y, s + n - 8, 8);
	return ((a + x) * 0x9e3779b97f4a7c15ULL ^ (b + y)) * 0xff51afd7ed558ccdULL;
}

/* parse_tp() of p to e, from memo (SEEN_SLOTS of them; NULL: none) when the
 * same fields were read lately for an event of the same type. A skbaddr=
 * token first is no key of ours (it would only move parse_tp() on): it is
 * skipped. Only a success is remembered; texts under 16 bytes (text_hash()
 * reads 16; no event's fields are that short) are not. */
static int parse_tp_seen(const char *p, const char *e, struct event *ev,
                         struct seen *memo)
{
	const char *k = p;
	size_t n;
	unsigned long long tag;
	struct seen *m;

	if (FAST && memo && e - p > 9 && same(p, " skbaddr=", 9))
		k = skip(p + 9, e);
	if (!FAST || !memo || (n = e - k) < 16 || n > SEEN_TEXT)
		return parse_tp(k, e, ev);
	tag = text_hash(k, n);
	m = &memo[(tag >> 32) % SEEN_SLOTS];
	if (m->tag != tag) {
		m->tag = tag;
		return parse_tp(k, e, ev);
	}
	if (m->n == n && m->type == ev->type && same(m->text, k, n)) {
		copy16(ev, m->tp, TP_SIZE);
		ev->have |= m->have;
		return 0;
	}
	if (parse_tp(k, e, ev))
		return -1;
	m->n = n, m->type = ev->type, m->have = ev->have & HAVE_TP;
	copy16(m->tp, ev, TP_SIZE);
	copy16(m->text, k, n);
	return 0;
}

/* How a kprobe line is read: bare numbers are hex (<4.9); a replay. */
enum { KP_HEX = 1, KP_REPLAY = 2 };

/* Bytes a of a value read from network-order memory as an n-byte integer x
 * by a kernel of that byte order (little: 1 or 0). */
static void kp_bytes(unsigned char *a, unsigned long long x, int n, int little)
{
	int i;

	for (i = 0; i < n; i++)
		a[i] = x >> 8 * (little ? i : n - 1 - i);
}

/* Fields of our kprobes: sk daddr saddr dport sport family state le, and
 * v6_0 to v6_3 (the IPv6 daddr, then saddr, as u64 each half), dev. The
 * kernel prints daddr, saddr and dport (network order in memory) as integers
 * of its own byte order; le, family's first byte in memory, says which: the
 * family on a little-endian kernel, 0 on a big-endian one. Without it the
 * order is this machine's when tracing and unknown in a replay (how:
 * KP_REPLAY, a capture from anywhere): those fields are then not known. */
__attribute__((noinline))  /* inlined in main: 176 to 400 more bytes */
static int parse_kp(const char *p, const char *e, int how, struct event *ev)
{
	unsigned long long x, sa = 0, da = 0, dp = 0, fam = 0, le = 0;
	enum { KP_SK = 1, KP_DADDR = 2, KP_SADDR = 4, KP_DPORT = 8, KP_SPORT = 16,
	    KP_FAMILY = 32, KP_STATE = 64, KP_LE = 128, KP_V6 = 256,
	    KP_V6S = 15 * KP_V6, KP_DEV = 16 * KP_V6,
	    KP_NEEDED = KP_SK | KP_DPORT | KP_SPORT | KP_FAMILY };
	int have = 0, little, id, v6 = 0;
	unsigned char b[2];
	const union { unsigned short s; unsigned char c; } host = { 1 };
	static const unsigned short bits[16] = { [K_SK] = KP_SK,
	    [K_DADDR] = KP_DADDR, [K_SADDR] = KP_SADDR, [K_DPORT] = KP_DPORT,
	    [K_SPORT] = KP_SPORT, [K_FAMILY] = KP_FAMILY, [K_STATE] = KP_STATE,
	    [K_LE] = KP_LE, [K_DEV] = KP_DEV };

	for (; (id = next_key(&p, e)) >= 0; p = skip(p, e)) {
		int bit = id == K_V6 ? KP_V6 << ((v6 = p[-2]) & 3) : bits[id];
		                                      /* v6_N: N */
		if (!bit)
			continue;
		if (!at_end(p = scan_num(p, e, how & KP_HEX || bit == KP_SK, &x), e))
			return -1;
		have |= bit;
		switch (bit) {
		case KP_SK: ev->sk = x; break;
		case KP_DADDR: da = x; break;
		case KP_SADDR: sa = x; break;
		case KP_DPORT: dp = x; break;
		case KP_SPORT: ev->lport = x; break;
		case KP_FAMILY: fam = x; break;
		case KP_STATE: ev->state = x < NSTATES ? x : 0; break;
		case KP_LE: le = x; break;
		case KP_DEV: ev->ifindex = x; break;
		default:      /* v6_*: as stored (the kernel's byte order is ours
		                 when tracing; a replay does no lookups) */
			memcpy((v6 & 2 ? ev->laddr : ev->raddr) + 8 * (v6 & 1), &x, 8);
		}
	}
	if ((have & KP_NEEDED) != KP_NEEDED)
		return -1;
	ev->family = fam == AF_INET ? 4 : fam == AF_INET6 ? 6 : 0;
	little = !(have & KP_LE) ? (how & KP_REPLAY ? -1 : host.c)
	    : !ev->family ? -1 : le == fam ? 1 : !le ? 0 : -1;
	ev->skfrom = PTR_REAL;                   /* the argument itself */
	ev->have |= (ev->state ? HAVE_STATE : 0) | (little < 0 ? HAVE_LPORT : HAVE_PORTS);
	if (little < 0)
		return 0;
	kp_bytes(b, dp, 2, little);
	ev->rport = b[0] << 8 | b[1];
	if (ev->family == 4 && (have & (KP_SADDR | KP_DADDR)) == (KP_SADDR | KP_DADDR)) {
		parse_addr("::ffff:0.0.0.0", 14, ev->laddr);
		memcpy(ev->raddr, ev->laddr, 12);
		kp_bytes(ev->laddr + 12, sa, 4, little);
		kp_bytes(ev->raddr + 12, da, 4, little);
		ev->have |= HAVE_ADDR;
	}
	if (ev->family == 6 && (have & KP_V6S) == KP_V6S)
		ev->have |= HAVE_KEY;
	return 0;
}

/* Decode one trace line (no '\n'); how: KP_* for kprobe lines; br: its
 * only '[', s + n when it has none, NULL when that is not known; memo:
 * parse_tp_seen()'s, or NULL. */
static int parse_trace_line_br(const char *s, size_t n, int how,
                               struct event *ev, const char *br,
                               struct seen *memo)
{
	const char *e = s + n, *name = NULL, *rest = NULL, *d, *l;
	size_t nl = 0;        /* (set by parse_head(): gcc -O2 cannot tell) */

	memset(ev, 0, sizeof *ev);
	s = skip_blanks(s, e);
	/* An event's head first: its comm starts the line and may look like
	 * any of the others ("#x", "=> x", "CPU:1"). */
	if (!parse_head(s, e, ev, &name, &nl, &rest, br)) {
#define NAME(lit) (nl == sizeof lit - 1 && same(name, lit, nl))
		if (NAME("tcp_retransmit_skb") || NAME("tcp_retransmit_synack")) {
			ev->type = nl == 18 ? EV_RETRANS : EV_SYNACK;
			if (parse_tp_seen(rest, e, ev, memo))
				return PL_BAD;
			if (ev->type == EV_SYNACK)
				ev->state = 3, ev->have |= HAVE_STATE,     /* SYN_RECV */
				ev->cause = CA_SYNACK;
			return PL_EVENT;
		}
		if (NAME("tcp_cong_state_set")) {
			ev->type = EV_CONG;
			return parse_tp_seen(rest, e, ev, memo)
			    || !(ev->have & HAVE_CA) ? PL_BAD : PL_EVENT;
		}
		if (NAME("retransmit") || NAME("tlp")) {
			ev->type = nl == 3 ? EV_TLP : EV_RETRANS;
			ev->cause = nl == 3 ? CA_TLP : CA_NONE;
			return parse_kp(rest, e, how, ev) ? PL_BAD : PL_EVENT;
		}
		if (NAME("<stack trace>") || NAME("<user stack trace>"))
			return PL_HEAD;      /* its " => " lines follow */
		if (NAME("tracing_mark_write"))
			return find(rest, e - rest, " tcpretrans-sync") ? PL_SYNC : PL_OTHER;
#undef NAME
		return PL_OTHER;
	}
	if (s == e || *s == '#')
		return PL_IGNORE;
	if (e - s >= 3 && !memcmp(s, "=> ", 3))
		return PL_STACK;
	/* Exactly "CPU:1 [LOST 3 EVENTS]"; a saved "trace" file says "CPU:1
	 * [LOST EVENTS]" when it cannot count: lost 0 stands for one or more */
	if (e - s < 5 || memcmp(s, "CPU:", 4))
		return PL_BAD;
	for (d = s + 4; d < e && *d >= '0' && *d <= '9'; d++)
		;
	if (d == s + 4 || e - d < 14 || memcmp(d, " [LOST ", 7))
		return PL_BAD;
	for (l = d += 7; d < e && *d >= '0' && *d <= '9'; d++)
		;
	if (d > l && (parse_num(l, d - l, 0, &ev->lost) || d == e || *d++ != ' '))
		return PL_BAD;
	return e - d == 7 && !memcmp(d, "EVENTS]", 7) ? PL_LOST : PL_BAD;
}

/* A trace line whose '[' nobody has looked for (parse_head() looks), with
 * no memo: the unit tests' and the fuzz target's entry, beside the reader's. */
__attribute__((unused))
static int parse_trace_line(const char *s, size_t n, int how,
                                   struct event *ev)
{
	return parse_trace_line_br(s, n, how, ev, NULL, NULL);
}

/* ---- socket lookup ----------------------------------------------------- */

/* Kernel version as major*1000+minor, from /proc/sys/kernel/osrelease. */
static int kernel_version(void)
{
	char p[PATH_MAX];
	struct utsname u;
	const char *r = u.release;
	int maj = 0, min = 0;

	if (slurp(pathf(p, "%s/proc/sys/kernel/osrelease", G.root)) > 0)
		r = G.file;
	else if (uname(&u) < 0)
		return 0;
	for (; *r >= '0' && *r <= '9'; r++)
		maj = maj * 10 + *r - '0';
	if (*r == '.')
		for (r++; *r >= '0' && *r <= '9'; r++)
			min = min * 10 + *r - '0';
	return maj * 1000 + min;
}

/* What the tables' sk column holds (%pK): the address under kptr_restrict 1
 * to a reader with CAP_SYSLOG (zeros without), and under 0 before 4.15 (%p
 * hashes since); a hash as %p prints it under 0; zeros under 2. Unreadable:
 * the kernel's default, 0. A zero pointer is never compared anyway, and a
 * 64-bit one with an upper half is the address whatever this says. */
static int table_ptrs(void)
{
	char p[PATH_MAX];
	int k = slurp(pathf(p, "%s/proc/sys/kernel/kptr_restrict", G.root)) > 0
	    ? *G.file : '0';

	return k == '1' || (k == '0' && kernel_version() < 4015) ? PTR_REAL
	    : k == '0' ? PTR_HASHED : PTR_NONE;
}

/* Tables a lookup reads: bits of lookup_need(). */
enum { TB_TCP = 1, TB_TCP6 = 2 };

/* The tables an event needs: for its owner's inode (-p), for addresses the
 * trace lacks (kprobe IPv6) or for the state (4.15 to 5.4); 0 for none. An
 * IPv4 event without a family field may be a dual-stack socket, in tcp6. */
static int lookup_need(const struct event *ev)
{
	int tables = ev->family == 6 ? TB_TCP6 : ev->family == 4 && !ev->maybe_dual
	    ? TB_TCP : TB_TCP | TB_TCP6;

	if (ev->type == EV_SYNACK || ev->type == EV_CONG)
		return 0;
	return (FEATURE_OWNERS && G.opt_p) || (ev->have & (HAVE_ADDR | HAVE_STATE))
	    != (HAVE_ADDR | HAVE_STATE) ? tables : 0;
}

/* What one row says about one event: the same socket by pointer, the same
 * tuple, the same ports (the event has no addresses), or not this one. A
 * pointer counts only with the ports and addresses agreeing too (the kernel
 * reuses a freed socket's memory at once); pointers printed alike decide.
 * TIME_WAIT and LISTEN rows are never a socket that retransmits. */
enum { ROW_NOT, ROW_PORTS, ROW_TUPLE, ROW_PTR };
enum { ST_TIME_WAIT = 6, ST_CLOSE = 7, ST_LISTEN = 10 };   /* state_names[] */

static int lookup_row(const struct event *ev, const struct sockrow *r, int rptr)
{
	int tuple = ev->have & (HAVE_ADDR | G.keyok * HAVE_KEY);

	if (r->lport != ev->lport || r->rport != ev->rport || r->state == ST_TIME_WAIT
	    || r->state == ST_LISTEN || (tuple && (memcmp(r->laddr, ev->laddr, 16)
	    || memcmp(r->raddr, ev->raddr, 16))))
		return ROW_NOT;
	if (r->sk >> 32)                 /* 64-bit: a hash has no upper half */
		rptr = PTR_REAL;
	if (ev->sk && r->sk && ev->skfrom == rptr)
		return ev->sk == r->sk ? ROW_PTR : ROW_NOT;
	return ev->have & HAVE_ADDR ? ROW_TUPLE : ROW_PORTS;
}

/* Count a row with outcome how into what is known of one event. */
static void match_add(struct match *m, const struct sockrow *r, int how)
{
	if (how == ROW_NOT || how < m->how)
		return;
	if (how > m->how)
		m->how = how, m->rows = 0;
	if (!m->rows)
		m->row = *r, m->nsfd = 0;       /* a new row: not from there */
	m->rows += m->rows < 2;
}

/* For one event and every row read: unique (*r is the row), ambiguous or
 * absent. Two rows are two sockets that may each be the event's: the
 * state the tables show now is not the state the event had. */
enum { ANS_ABSENT, ANS_UNIQUE, ANS_AMBIGUOUS };

static int match_answer(const struct match *m, const struct sockrow **r)
{
	*r = !m->unsure && m->rows == 1 ? &m->row : NULL;
	return *r ? ANS_UNIQUE : m->rows ? ANS_AMBIGUOUS : ANS_ABSENT;
}

/* Two events with different pointers (printed alike) are two sockets: when
 * the tables give both one row by tuple or ports, it is neither's for sure. */
static void match_clash(struct item *a, struct item *b)
{
	const struct sockrow *r, *s;

	if (match_answer(&a->m, &r) != ANS_UNIQUE || match_answer(&b->m, &s)
	    != ANS_UNIQUE || a->m.how == ROW_PTR || b->m.how == ROW_PTR
	    || !a->ev.sk || !b->ev.sk || a->ev.skfrom != b->ev.skfrom
	    || a->ev.sk == b->ev.sk)
		return;
	if (r->inode == s->inode && r->lport == s->lport && r->rport == s->rport
	    && !memcmp(r->laddr, s->laddr, 16) && !memcmp(r->raddr, s->raddr, 16))
		a->m.unsure = b->m.unsure = 1;
}

/* Stream one table (the "tcp" or "tcp6" of proc dir 'dir') past the batch's
 * events that need it and have no pointer match yet. rptr: PTR_* of its sk. */
static int lookup_table(const char *dir, const char *name, int table, int rptr)
{
	char path[PATH_MAX];
	static char buf[RD_MAX / 4 + 1];
	static struct item *pend[BATCH_MAX];
	struct lines l = { .buf = buf, .cap = sizeof buf };
	struct sockrow r;
	char *s;
	size_t n;
	int i, np = 0;

	l.fd = open(pathf(path, "%s%s/net/%s", G.root, dir, name), O_RDONLY | O_CLOEXEC);
	if (l.fd < 0)
		return -1;
	for (i = 0; i < G.nbatch; i++)
		if (G.batch[i].kind == PL_EVENT && G.batch[i].m.how != ROW_PTR
		    && lookup_need(&G.batch[i].ev) & table)
			pend[np++] = &G.batch[i];
	while (refill(&l) > 0 || l.pos < l.len)
		while ((s = nextline(&l, &n)))
			if (!parse_tcp_row(s, n, &r))
				for (i = 0; i < np; i++)
					match_add(&pend[i]->m, &r,
					    lookup_row(&pend[i]->ev, &r, rptr));
	close(l.fd);
	return 0;
}

/* Out of files (RLIMIT_NOFILE): said once; rows not sure show -. */
static void said_emfile(void)
{
	static int warned;

	if (errno == EMFILE && FIRST(warned))
		warnx("rows not sure show - (raise ulimit -n):");
}

/* Call fn for each entry name of a directory (open as G.dirfd while fn
 * runs); fn returns 1 to stop. */
static void each_entry(const char *path, int (*fn)(const char *, void *), void *arg)
{
	char dents[DENTS_MAX] __attribute__((aligned(8)));
	unsigned short reclen;
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC), n, i, stop = 0;

	if (fd < 0)
		return said_emfile();
	while (!stop && (n = syscall(SYS_getdents64, fd, dents, sizeof dents)) > 0)
		for (i = 0; !stop && i < n; i += reclen) {
			memcpy(&reclen, dents + i + 16, sizeof reclen);  /* linux_dirent64 */
			if (dents[i + 19] != '.')
				G.dirfd = fd, stop = fn(dents + i + 19, arg);
		}
	close(fd);
}

/* The inode in a "type:[N]" link (socket:[N], net:[N]), or 0; path is
 * relative to directory fd at (one lookup instead of a walk from /). */
static unsigned long long link_at(int at, const char *path, const char *type)
{
	char b[64];
	ssize_t n = readlinkat(at, path, b, sizeof b - 1);
	size_t tl = strlen(type);

	if (n <= (ssize_t)tl + 3 || strncmp(b, type, tl) || b[tl] != ':'
	    || b[tl + 1] != '[')
		return 0;
	b[n] = 0;
	return atou(b + tl + 2);
}

static unsigned long long link_inode(const char *path, const char *type)
{
	return link_at(AT_FDCWD, path, type);
}

/* inet_diag (NETLINK_SOCK_DIAG) answers from the kernel's socket hash what a
 * table row says, at a cost that does not grow with the sockets on the box.
 * Laid out as linux/netlink.h and linux/inet_diag.h say (not every libc has
 * them); all numbers are host order but ports and addresses. */
enum { NL_REQUEST = 1, NL_MULTI = 2, NL_DUMP = 0x300, NL_ERROR = 2, NL_DONE = 3,
    NETLINK_DIAG = 4, SOCK_DIAG = 20 };
struct diag_id {
	unsigned short sport, dport;
	unsigned src[4], dst[4], ifindex, cookie[2];
};
struct diag_req {                                  /* nlmsghdr, inet_diag_req_v2 */
	unsigned len;
	unsigned short type, flags;
	unsigned seq, pid;
	unsigned char family, proto, ext, pad;
	unsigned states;
	struct diag_id id;
};
struct diag_msg {                                  /* nlmsghdr, inet_diag_msg */
	unsigned len;
	unsigned short type, flags;
	unsigned seq, pid;
	unsigned char family, state, timer, retrans;
	struct diag_id id;
	unsigned expires, rqueue, wqueue, uid, inode;
};

/* The request for one event in table af (AF_INET: tcp, AF_INET6: tcp6): its
 * exact tuple (one lookup in the hash; a mapped tuple finds dual-stack
 * sockets too), with its tcp_info. TIME_WAIT and LISTEN sockets are never
 * asked for. */
static void diag_req(struct diag_req *q, const struct event *ev, int af, unsigned seq)
{
	int v4 = af == AF_INET;

	memset(q, 0, sizeof *q);
	q->len = sizeof *q, q->type = SOCK_DIAG, q->flags = NL_REQUEST, q->seq = seq;
	q->family = af, q->proto = IPPROTO_TCP, q->ext = 2;  /* INET_DIAG_INFO */
	q->states = ~(1u << ST_TIME_WAIT | 1u << ST_LISTEN);
	q->id.sport = htons(ev->lport), q->id.dport = htons(ev->rport);
	q->id.ifindex = ev->ifindex;     /* a bound socket matches only its own */
	q->id.cookie[0] = q->id.cookie[1] = ~0u;         /* no cookie */
	memcpy(q->id.src, ev->laddr + 12 * v4, 16 - 12 * v4);
	memcpy(q->id.dst, ev->raddr + 12 * v4, 16 - 12 * v4);
}

/* The socket's retransmits so far (tcp_info's tcpi_total_retrans, of the
 * INET_DIAG_INFO attribute after message p of len bytes), 0 without it. */
static unsigned diag_retrans(const unsigned char *p, size_t len)
{
	unsigned short al[2];                   /* rtattr: length, type */
	unsigned v = 0;
	size_t o;

	for (o = sizeof(struct diag_msg); o + 4 <= len; o += (al[0] + 3) & ~3u) {
		memcpy(al, p + o, 4);
		if (al[0] < 4)
			break;
		if (al[1] == 2 && al[0] >= 4 + 104 && o + 4 + 104 <= len)
			memcpy(&v, p + o + 4 + 100, 4);
	}
	return v;
}

/* Feed the rows of reply p (n bytes) to request seq into m. 1: the answer
 * ended, *err the kernel's errno or 0; 0: more to read; -1: bogus. A socket
 * that never retransmitted is not a retransmit's, whatever its tuple: a new
 * connection took it after the event's socket closed (an RST: no TIME_WAIT).
 * An answer has no pointer to tell them apart otherwise. */
static int diag_reply(const unsigned char *p, size_t n, unsigned seq,
    const struct event *ev, struct match *m, int *err)
{
	struct diag_msg d;
	struct sockrow r;
	int end = 0;

	for (*err = 0; n >= 16; p += d.len, n -= d.len) {
		memcpy(&d, p, n < sizeof d ? n : sizeof d);
		if (d.len < 16 || d.len > n)
			return -1;
		d.len = (d.len + 3) & ~3u;       /* NLMSG_ALIGN, the last one's */
		d.len = d.len > n ? n : d.len;   /* padding may be left out */
		if (d.seq != seq)
			continue;                /* a late answer to an earlier one */
		if (d.type == NL_ERROR || d.type == NL_DONE) {
			if (d.len >= 20)
				memcpy(err, p + 16, sizeof *err), *err = -*err;
			end = 1;
		} else if (d.type == SOCK_DIAG && d.len >= sizeof d) {
			memset(&r, 0, sizeof r);
			r.state = d.state < NSTATES ? d.state : 0;
			r.in6 = d.family == AF_INET6;
			r.lport = ntohs(d.id.sport), r.rport = ntohs(d.id.dport);
			r.inode = d.inode;
			r.laddr[10] = r.laddr[11] = r.raddr[10] = r.raddr[11] = 0xff;
			memcpy(r.laddr + 12 * !r.in6, d.id.src, 16 - 12 * !r.in6);
			memcpy(r.raddr + 12 * !r.in6, d.id.dst, 16 - 12 * !r.in6);
			if (ev->type != EV_RETRANS || diag_retrans(p, d.len))
				match_add(m, &r, lookup_row(ev, &r, PTR_NONE));
			end |= !(d.flags & NL_MULTI);
		}
	}
	return end;
}

/* Send request q and feed its answer into m: 0, the kernel's errno, or -1
 * when no usable answer came (then the tables are read): a signal, a bogus
 * or unconfirmed one, or none in DIAG_MS (said once). */
static int diag_xchg(int fd, const struct diag_req *q, const struct event *ev,
    struct match *m)
{
	static unsigned char buf[DIAG_MAX] __attribute__((aligned(4)));
	static int warned;
	ssize_t k = 0;
	int end = 0, err;

	if (write(fd, q, q->len) != (ssize_t)q->len)     /* to the kernel */
		return -1;
	while (!end && (k = read(fd, buf, sizeof buf)) > 0)
		end = diag_reply(buf, k, q->seq, ev, m, &err);
	if (k < 0 && errno == EAGAIN && FIRST(warned))
		warnx("inet_diag: no answer in 200 ms: tables read");
	return end > 0 ? err : -1;
}

/* The sock_diag socket of the network namespace (inode ino) of process dir
 * ("/proc/PID", or "/proc": ours): made there (setns) once and kept while
 * used; -1 if it cannot be. A read on it waits DIAG_MS at most. */
static int diag_fd(const char *dir, unsigned long long ino)
{
	static int self = -1;
	static const struct timeval tv = { 0, DIAG_MS * 1000 };
	struct rlimit rl;
	char p[PATH_MAX];
	int i, fd = -1, ns = -1, other = dir[5];

	for (i = 0; i < G.nnsd && G.nsd[i].ino != ino; i++)
		;
	if (i == G.nnsd) {
		if (self < 0 && !syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &rl)) {
			rl.rlim_cur = rl.rlim_max;  /* a socket per namespace: past 1,024 */
			syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &rl, NULL);  /* musl's
			                                 setrlimit() brings thread code */
			self = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
		}
		if (other)
			ns = open(pathf(p, "%s/ns/net", dir), O_RDONLY | O_CLOEXEC);
		if (i < NETNS_MAX && self >= 0 && (!other || (ns >= 0
		    && !setns(ns, CLONE_NEWNET)))) {
			if (link_inode("/proc/self/ns/net", "net") == ino)  /* not another's */
				fd = syscall(SYS_socket, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
				    NETLINK_DIAG);   /* libc's adds old kernels' fallbacks */
			if (other && setns(self, CLONE_NEWNET))
				die("cannot return to our own network namespace:");
		}
		if (ns >= 0)
			close(ns);
		if (fd < 0)
			return -1;
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
		G.nsd[G.nnsd++] = (struct nsdiag){ ino, fd, 0 };
	}
	G.nsd[i].used = mono_ms();
	return G.nsd[i].fd;
}

/* Close the sock_diag sockets unused for NSIDLE_MS (each keeps its network
 * namespace alive, a deleted one too), looking every NSIDLE_MS. When to
 * look next, never sooner than IDLE_MS (a stack waits that long); 0: none
 * is open. */
static long long diag_idle(long long now)
{
	static long long due;
	int i;

	if (now + IDLE_MS >= due) {
		for (i = G.nnsd; i-- > 0; )
			if (now - G.nsd[i].used >= NSIDLE_MS)
				close(G.nsd[i].fd), G.nsd[i] = G.nsd[--G.nnsd];
		due = now + NSIDLE_MS;
	}
	return G.nnsd ? due : 0;
}

/* Does inet_diag answer for TCP on fd? 0 yes, the kernel's errno (ENOENT:
 * no CONFIG_INET_DIAG, tcp_diag not loaded or unloaded) or -1 (no answer).
 * The smallest request that tells: a dump of no states. */
static int diag_tcp(int fd)
{
	static struct diag_req q;
	static struct event ev;
	static struct match m;

	diag_req(&q, &ev, AF_INET, ++G.seq);
	q.flags |= NL_DUMP, q.states = 0;
	return diag_xchg(fd, &q, &ev, &m);
}

/* Ask the kernel on fd about event ev's socket into m: one exact question
 * (its tuple), in its table; diag_xchg()'s answer. */
static int diag_one(int fd, const struct event *ev, struct match *m)
{
	static struct diag_req q;

	diag_req(&q, ev, is_mapped(ev->laddr) ? AF_INET : AF_INET6, ++G.seq);
	return diag_xchg(fd, &q, ev, m);
}

/* Ask the kernel of one namespace about the batch's events that need tables
 * of need; -1 if it did not answer. ENOENT says no such socket, or no
 * tcp_diag any more: the first in a batch asks which. A kprobe's IPv6 key
 * (HAVE_KEY) is trusted once a socket of exactly that tuple confirmed one:
 * until then, an event it does not find is looked for in the tables. */
static int diag_ask(int fd, int need)
{
	static unsigned probed;
	struct item *it;
	int t, err;

	for (it = G.batch; it < G.batch + G.nbatch; it++) {
		t = it->kind == PL_EVENT && it->m.how != ROW_PTR
		    ? lookup_need(&it->ev) & need : 0;
		if (!t)
			continue;
		if (!(it->ev.have & (HAVE_ADDR | HAVE_KEY)))
			return -1;   /* no addresses: a dump of the hash per event
			                would cost more than the tables */
		t = it->m.nsfd, it->m.nsfd = -1;
		err = diag_one(fd, &it->ev, &it->m);
		it->m.nsfd = it->m.nsfd ? t      /* the row kept: not from here */
		    : fd + 1;                    /* from here: where to ask again (-p) */
		if (!(it->ev.have & HAVE_ADDR) && !G.keyok && !(G.keyok = it->m.rows
		    && !memcmp(it->m.row.laddr, it->ev.laddr, 16)
		    && !memcmp(it->m.row.raddr, it->ev.raddr, 16)))
			return -1;
		t = 0;
		if (err == ENOENT && probed != G.walk)
			probed = G.walk, t = diag_tcp(fd);
		if (t > 0 || (err > 0 && err != ENOENT)) {
			errno = t > 0 ? t : err, G.diag = -1;
			warnx("inet_diag stopped, tables read from now on:");
		}
		if (t || (err && err != ENOENT))
			return -1;
	}
	return 0;
}

/* Is inet_diag there? With a fake root only if its proc is the real one
 * (the live tier's): net, its proc/self/ns/net, names our own namespace
 * (ino: diag_fd() checks) and opens, which a fake root's link, a name
 * only, does not. */
static int diag_probe(const char *net, unsigned long long ino)
{
	int fd = *G.root && access(net, F_OK) ? -1 : diag_fd("/proc", ino);

	return fd >= 0 && !diag_tcp(fd) ? 1 : -1;
}

/* Look the batch's events up in the namespace of process dir: by inet_diag,
 * or in its tables (need: TB_* of lookup_need()); -1 if it is gone, -2 if no
 * file can be opened (RLIMIT_NOFILE: said once). When inet_diag fails, what
 * it said is taken back: the tables say it again. */
static int lookup_ns(const char *dir, unsigned long long ino, int need, int rptr)
{
	static struct match keep[BATCH_MAX];
	int i, fd, t = need & TB_TCP ? TB_TCP : TB_TCP6;

	if (FEATURE_DIAG && G.diag > 0 && (fd = diag_fd(dir, ino)) >= 0) {
		for (i = 0; i < G.nbatch; i++)
			keep[i] = G.batch[i].m;
		if (!diag_ask(fd, need))
			return 0;
		for (i = 0; i < G.nbatch; i++)
			G.batch[i].m = keep[i];
	}
	if (lookup_table(dir, t == TB_TCP ? "tcp" : "tcp6", t, rptr) < 0) {
		if (errno != EMFILE)
			return -1;
		said_emfile();
		return -2;
	}
	if (need == (TB_TCP | TB_TCP6))
		lookup_table(dir, "tcp6", TB_TCP6, rptr);
	return 0;
}

/* The network namespaces read in one batch, and the tables they need. */
struct netns_scan {
	unsigned long long seen[NETNS_MAX];     /* namespace inodes, ours first */
	int n, need, rptr, full;                /* need: TB_* of lookup_need() */
};

/* Read the tables of every other network namespace, once each: a match
 * by tuple or ports counts only if it is unique across all of them. */
static int netns_one(const char *pid, void *arg)
{
	static int warned;
	struct netns_scan *ns = arg;
	char p[PATH_MAX], dir[32];
	unsigned long long ino;
	int i;

	if (*pid < '0' || *pid > '9'
	    || !(ino = link_at(G.dirfd, pathf(p, "%s/ns/net", pid), "net")))
		return 0;
	for (i = 0; i < ns->n && ns->seen[i] != ino; i++)
		;
	if (i < ns->n)
		return 0;
	if (ns->n == NETNS_MAX) {
		if (FIRST(warned))
			warnx("more than %d network namespaces (NETNS_MAX): sockets "
			    "found by address and port alone show -", NETNS_MAX);
		return ns->full = 1;
	}
	sfmt(dir, sizeof dir, "/proc/%s", pid);
	if ((i = lookup_ns(dir, ino, ns->need, ns->rptr)) < -1)
		return ns->full = 1;         /* unread: no match is unique */
	if (i < 0)
		return 0;                    /* gone meanwhile: try its next process */
	ns->seen[ns->n++] = ino;
	return 0;
}

/* -p: owners of the batch's socket inodes, from a cache, from the map of the
 * big processes' sockets, or from reading /proc/PID/fd. */
struct want {
	unsigned long long ino[BATCH_MAX];      /* 0 once found */
	int n, left, full;                      /* full: reading the big ones */
	unsigned char tried[BATCH_MAX];         /* 0 new, 1 a full read missed it,
	                                           2 its holder's fd closed */
	const char *pid;                        /* the process being read */
};

/* Remember a big process's socket (inodes of sockets are 32-bit:
 * get_next_ino()); past SOCKS_MAX say so, once. */
static void bigsock_add(unsigned long long ino, unsigned pid, unsigned fd)
{
	static int warned;
	struct bigsock *h = &G.bigs[G.nbigs];
	unsigned *head = &G.hhead[ino % HELD_HASH];

	if (G.nbigs == SOCKS_MAX) {
		if (FIRST(warned))
			warnx("more than %d sockets in big processes (SOCKS_MAX): "
			    "others are looked for once a second", SOCKS_MAX);
	} else if (ino <= UINT_MAX) {
		h->ino = ino, h->pid = pid, h->fd = fd, h->next = *head;
		*head = ++G.nbigs;
	}
}

/* A big process's socket as the last full read found it, or NULL. */
static struct bigsock *bigsock_of(unsigned long long ino)
{
	unsigned i = G.hhead[ino % HELD_HASH];

	while (i && G.bigs[i - 1].ino != ino)
		i = G.bigs[i - 1].next;
	return i ? &G.bigs[i - 1] : NULL;
}

/* Remember pid's fd as the owner of socket ino, with the process's name;
 * pid 0: nobody was found holding it (fd 1: not in the big ones either). */
static struct owner *owner_new(unsigned long long ino, int pid, int fd, unsigned batch)
{
	char p[PATH_MAX];
	struct owner *o;
	ssize_t k;
	int i;

	/* not one this batch has yet to give its rows (at most BATCH_MAX) */
	for (i = 0; i < OWNERS_MAX; i++)
		if ((o = &G.owners[G.nowners++ % OWNERS_MAX])->batch != G.obatch
		    || !o->inode)
			break;

	o->inode = ino, o->pid = pid, o->fd = fd, o->batch = batch, o->comm[0] = 0;
	o->sk = 0;
	if (pid && (k = slurp(pathf(p, "%s/proc/%d/comm", G.root, pid))) > 0)
		sfmt(o->comm, sizeof o->comm, "%.*s", (int)(k - (G.file[k - 1]
		    == '\n')), G.file);             /* a name may hold a '\n' */
	else if (pid)
		said_emfile();               /* else it ended: COMM - */
	return o;
}

static int fd_one(const char *fd, void *arg)
{
	struct want *w = arg;
	unsigned long long ino = link_at(G.dirfd, fd, "socket");
	int i;

	if (ino && w->full)
		bigsock_add(ino, atou(w->pid), atou(fd));
	for (i = 0; ino && i < w->n; i++)
		if (w->ino[i] == ino) {
			owner_new(ino, atou(w->pid), atou(fd), G.obatch);
			w->ino[i] = 0;
			return --w->left == 0 && !w->full;
		}
	return 0;
}

/* Read one process's files: a quick read takes the small processes and ends
 * once all are found, a full one every big one: BIG_FDS files or more, the
 * size procfs gives its fd directory since 6.2 (0 before: none is big; a
 * directory on a disk has blocks, procfs's have none). */
static int pid_one(const char *pid, void *arg)
{
	char p[PATH_MAX];
	struct want *w = arg;
	struct stat st;

	w->pid = pid;
	if (*pid >= '0' && *pid <= '9'
	    && !stat(pathf(p, "%s/proc/%s/fd", G.root, pid), &st)
	    && (!st.st_blocks && st.st_size >= BIG_FDS) == w->full)
		each_entry(p, fd_one, w);
	return w->left == 0 && !w->full;
}

/* The cached owner of a socket inode, or NULL. */
static struct owner *owner_of(unsigned long long ino)
{
	int i;

	for (i = 0; ino && i < OWNERS_MAX; i++)     /* unused: inode 0 */
		if (G.owners[i].inode == ino)
			return &G.owners[i];
	return NULL;
}

/* -p: may socket ino still be open? Asked again in the namespace whose
 * inet_diag found it, by an event's tuple: one closed since is gone, an
 * orphan (inode 0) or another socket there, and nobody holds it. 1 when
 * that cannot be told (tables read, no answer). Spares reading the big
 * processes' files (0.35 s for 70,000) for a socket closed while the small
 * ones were read: a storm's end, under a reader behind. */
static int sock_open(unsigned long long ino)
{
	struct match m = { 0 };
	struct item *it;
	int err;

	for (it = G.batch; FEATURE_DIAG && it < G.batch + G.nbatch; it++)
		if (it->ev.inode == ino && it->m.nsfd) {
			err = diag_one(it->m.nsfd - 1, &it->ev, &m);
			return (err && err != ENOENT) || m.row.inode == ino;
		}
	return 1;
}

/* -p: the socket of an event whose pointer and tuple an earlier event of a
 * known socket had, if its owner's fd still links to it: open then and now,
 * it was at that address all the while, so the event is its. Saves the
 * lookups in every namespace; 0: not known (then they are made: a closed
 * socket's tuple may be another's now, at the same address). */
static unsigned long long owner_sock(const struct event *ev)
{
	char p[PATH_MAX];
	struct owner *o;

	if ((ev->have & (HAVE_ADDR | HAVE_STATE)) != (HAVE_ADDR | HAVE_STATE)
	    || ev->maybe_dual)
		return 0;                      /* the tables say more than owners */
	for (o = G.owners; ev->sk && o < G.owners + OWNERS_MAX; o++)
		if (o->sk == ev->sk && o->skfrom == ev->skfrom && o->inode && o->pid
		    && !memcmp(&o->lport, &ev->lport, TUPLE_LEN) && (o->batch
		    == G.obatch + 1 || link_inode(pathf(p, "%s/proc/%d/fd/%d",
		    G.root, o->pid, o->fd), "socket") == o->inode)) {
			o->batch = G.obatch + 1;   /* checked: owners_batch() of */
			return o->inode;           /* this batch need not again */
		}
	return 0;
}

/* Give each event of the batch its owner's pid and comm (-p). A cached owner
 * is kept while its fd still links to the socket. A new socket is looked for
 * in the map of the big processes' sockets, then in the small processes; the
 * big ones (a proxy's 70,000 connections) are read again, refilling the map,
 * at most once per MISS_MS and only for a socket not seen before, or one the
 * small ones did not hold MISS_MS ago. A socket nobody holds is looked for
 * again after MISS_MS (not in every batch of a storm). */
static void owners_batch(void)
{
	static struct want w;
	char p[PATH_MAX], proc[PATH_MAX];
	struct owner *o;
	struct bigsock *h;
	long long now = mono_ms();
	int i, j, fresh = 0;

	w.n = 0, G.obatch++;
	for (i = 0; i < G.nbatch; i++) {
		unsigned long long ino = G.batch[i].ev.inode;
		if (G.batch[i].kind != PL_EVENT || !ino)
			continue;
		if (!(o = owner_of(ino)) && (h = bigsock_of(ino)))
			o = owner_new(ino, h->pid, h->fd, 0);     /* checked next */
		if (o) {
			if (!o->pid ? now < o->until : o->batch == G.obatch
			    || link_inode(pathf(p, "%s/proc/%d/fd/%d", G.root, o->pid,
			    o->fd), "socket") == ino) {
				o->batch = G.obatch;
				continue;
			}
			o->inode = 0;            /* closed or passed on: look again */
		}
		/* New, or missed in the small ones a while ago (tried 0): read
		 * the big ones too, if it is still open. A holder's fd closed (2)
		 * is most often the socket's end: the big ones wait until it
		 * shows up again, past MISS_MS. 1: a full read missed it too. */
		for (j = 0; j < w.n && w.ino[j] != ino; j++)
			;
		if (j == w.n)
			w.tried[w.n] = !o ? 0 : o->pid ? 2 : o->fd, w.ino[w.n++] = ino;
	}
	pathf(proc, "%s/proc", G.root);
	w.full = 0;
	if ((w.left = w.n))
		each_entry(proc, pid_one, &w);
	for (j = 0; !fresh && w.left && now - G.full_ms >= MISS_MS && j < w.n; j++)
		fresh = w.ino[j] && !w.tried[j] && sock_open(w.ino[j]);
	if (fresh) {
		G.full_ms = now, G.nbigs = 0, w.full = 1;
		memset(G.hhead, 0, sizeof G.hhead);
		each_entry(proc, pid_one, &w);
	}
	for (j = 0; j < w.n; j++)
		if (w.ino[j])
			owner_new(w.ino[j], 0, w.full | (w.tried[j] & 1), 0)->until = now
			    + MISS_MS;
	for (i = 0; i < G.nbatch; i++)
		if (G.batch[i].kind == PL_EVENT && (o = owner_of(G.batch[i].ev.inode))) {
			G.batch[i].ev.opid = o->pid;
			memcpy(G.batch[i].ev.comm, o->comm, sizeof o->comm);
			o->sk = G.batch[i].ev.sk, o->skfrom = G.batch[i].ev.skfrom;
			memcpy(&o->lport, &G.batch[i].ev.lport, TUPLE_LEN);
		}
}

/* Fill in what the tables settled; what stays unsure is left unknown. */
static void lookup_apply(struct item *it)
{
	struct event *ev = &it->ev;
	const struct sockrow *r;

	if (match_answer(&it->m, &r) != ANS_UNIQUE)
		return;
	ev->inode = r->inode;
	if (!(ev->have & HAVE_ADDR)) {
		memcpy(ev->laddr, r->laddr, 16);
		memcpy(ev->raddr, r->raddr, 16);
		ev->have |= HAVE_ADDR;
		if (!ev->family)
			ev->family = is_mapped(r->laddr) ? 4 : 6;
	}
	if (ev->maybe_dual && r->in6)            /* a dual-stack socket */
		ev->family = 6;
	if (!(ev->have & HAVE_STATE) && r->state && r->state != ST_CLOSE)
		ev->state = r->state, ev->have |= HAVE_STATE;
}

/* Resolve every event of the batch that needs it: each table read once, in
 * every network namespace when a match rests on tuple or ports alone, every
 * event's match starting empty. */
static void lookup_batch(void)
{
	static struct netns_scan ns;
	char p[PATH_MAX];
	int i, j, need = 0, unsure = 0;

	for (i = 0; i < G.nbatch; i++) {
		memset(&G.batch[i].m, 0, sizeof G.batch[i].m);
		if (G.batch[i].kind != PL_EVENT)
			continue;
		if (FEATURE_OWNERS && G.opt_p && (G.batch[i].ev.inode =
		    owner_sock(&G.batch[i].ev)))
			G.batch[i].m.how = ROW_PTR;     /* known: not looked up */
		else
			need |= lookup_need(&G.batch[i].ev);
	}
	if (!need || G.replay)
		goto owners;
	ns.rptr = table_ptrs(), ns.need = need;
	ns.seen[0] = link_inode(pathf(p, "%s/proc/self/ns/net", G.root), "net");
	if (FEATURE_DIAG && !G.diag)
		G.diag = diag_probe(p, ns.seen[0]);
	G.walk++;
	ns.full = lookup_ns("/proc", ns.seen[0], need, ns.rptr) < -1;
	for (i = 0; i < G.nbatch; i++)
		unsure |= G.batch[i].kind == PL_EVENT && G.batch[i].m.how != ROW_PTR
		    && lookup_need(&G.batch[i].ev);
	if (unsure && ns.seen[0]) {             /* other namespaces too */
		ns.n = 1;
		each_entry(pathf(p, "%s/proc", G.root), netns_one, &ns);
	}
	for (i = 0; i < G.nbatch; i++)           /* unread tables: not unique */
		G.batch[i].m.unsure |= ns.full && G.batch[i].m.how != ROW_PTR;
	for (i = 0; i < G.nbatch; i++)
		for (j = i + 1; j < G.nbatch; j++)
			if (G.batch[i].kind == PL_EVENT && G.batch[j].kind == PL_EVENT)
				match_clash(&G.batch[i], &G.batch[j]);
	for (i = 0; i < G.nbatch; i++)
		if (G.batch[i].kind == PL_EVENT && lookup_need(&G.batch[i].ev))
			lookup_apply(&G.batch[i]);
owners:
	if (FEATURE_OWNERS && G.opt_p)
		owners_batch();
}

/* ---- local time -------------------------------------------------------- */

static long be32(const unsigned char *p)
{
	return (long)(int)((unsigned)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]);
}

/* [+-]hh[:mm[:ss]] in seconds, hours up to 167 (RFC 8536); moves *s on. */
static long tz_hms(const char **s)
{
	const char *p = *s;
	long v = 0, f = 3600, n, neg = *p == '-';

	p += *p == '-' || *p == '+';
	for (; f; f /= 60, p++) {
		for (n = 0; *p >= '0' && *p <= '9' && n < 1000; p++)
			n = n * 10 + *p - '0';
		v += n * f;
		if (*p != ':')
			break;
	}
	*s = p;
	return neg ? -v : v;
}

/* A zone name, "CET" or "<+0330>"; moves *s past it, 0 when it is shorter
 * than 3 characters, as POSIX says. */
static int tz_name(const char **s)
{
	const char *p = *s;

	if (*p == '<')
		while (*p && *p++ != '>')
			;
	else
		while ((*p | 32) >= 'a' && (*p | 32) <= 'z')
			p++;
	return p - *s >= 3 ? (*s = p, 1) : 0;
}

/* A POSIX TZ string "std offset[dst[offset][,start[/time],end[/time]]]",
 * as TZ and as a TZif footer: offsets east of UTC and the two rules. With
 * no rules the US ones apply, as in tzcode; 0 if it is not one. */
static int tz_posix(const char *s, struct tzspec *z)
{
	static const short lim[][6] = { { 1, 12, 1, 5, 0, 6 }, { 1, 365 },
	    { 0, 365 } };                     /* M, J, n: each field's range */
	struct tzrule *r;
	int i, k;

	memset(z, 0, sizeof *z);
	if (!tz_name(&s) || !*s || !strchr("+-0123456789", *s))
		return 0;
	z->off[1] = (z->off[0] = -tz_hms(&s)) + 3600;
	if (!tz_name(&s))
		return !*s;
	if (*s && *s != ',')
		z->off[1] = -tz_hms(&s);
	if (!*s)
		s = ",M3.2.0,M11.1.0";
	for (r = z->r; r < z->r + 2; r++) {
		if (*s++ != ',')
			return 0;
		r->k = *s == 'M' || *s == 'J' ? *s++ : 'n';
		k = r->k == 'M' ? 0 : r->k == 'J' ? 1 : 2;
		for (i = 0; i < (k ? 1 : 3); i++) {
			if (i && *s++ != '.')
				return 0;
			r->a[i] = tz_hms(&s) / 3600;
			if (r->a[i] < lim[k][2 * i] || r->a[i] > lim[k][2 * i + 1])
				return 0;
		}
		r->t = *s == '/' ? s++, tz_hms(&s) : 7200;
	}
	return z->dst = !*s;
}

/* Days from 1970-01-01 to y-m-d (m 1..13: 13 is January of y + 1). */
static long long tz_days(long long y, int m, int d)
{
	long long era;
	int yoe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100
	    + (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1 - 719468;
}

/* When rule r takes effect in year y, in UTC, its time of day being local
 * time at offset off. */
static long long tz_when(const struct tzrule *r, long long y, long off)
{
	long long d = tz_days(y, r->k == 'M' ? r->a[0] : 1, 1);

	if (r->k == 'M') {                    /* weekday a2 of week a1 */
		d += (r->a[2] - (d % 7 + 11) % 7 + 7) % 7 + 7 * (r->a[1] - 1);
		if (d >= tz_days(y, r->a[0] + 1, 1))
			d -= 7;                       /* the last one: week 5 */
	} else                                /* Jn has no February 29 */
		d += r->a[0] - (r->k == 'J' && (r->a[0] < 60
		    || tz_days(y, 3, 1) - d < 60));
	return d * 86400 + r->t - off;
}

/* Offset of POSIX zone z at t, narrowing [*lo, *hi) to where it holds. Like
 * glibc, the rules of t's UTC year decide. */
static long tz_rules(const struct tzspec *z, long long t, long long *lo,
    long long *hi)
{
	long long y = 1970 + t / 31556952, c[4];
	int i;

	if (!z->dst)
		return z->off[0];
	while ((c[0] = tz_days(y, 1, 1) * 86400) > t)
		y--;
	while ((c[1] = tz_days(y + 1, 1, 1) * 86400) <= t)
		c[0] = c[1], y++;                     /* [c0, c1): t's UTC year */
	c[2] = tz_when(&z->r[0], y, z->off[0]);      /* DST starts */
	c[3] = tz_when(&z->r[1], y, z->off[1]);      /* DST ends */
	for (i = 0; i < 4; i++)
		if (c[i] <= t && c[i] > *lo)
			*lo = c[i];
		else if (c[i] > t && c[i] < *hi)
			*hi = c[i];
	return z->off[c[2] > c[3] ? t < c[3] || t >= c[2] : t >= c[2] && t < c[3]];
}

/* Take in the TZif file p of n bytes (RFC 8536): the 64-bit part and the
 * footer of version 2+, else the 32-bit part. Every count is checked
 * against n; -1 when the file is not a valid TZif. */
static int tz_parse(unsigned char *p, size_t n)
{
	unsigned char *e = p + n, *f;
	unsigned long c[6];
	size_t len;
	int i, sz = 4;

	for (;;) {
		if (e - p < 44 || memcmp(p, "TZif", 4))
			return -1;
		for (i = 0; i < 6; i++)
			if ((c[i] = (unsigned)be32(p + 20 + 4 * i)) > n)
				return -1;
		len = 44 + c[3] * (sz + 1) + c[4] * 6 + c[5] + c[2] * (sz + 4)
		    + c[1] + c[0];
		if (!c[4] || len > (size_t)(e - p))
			return -1;
		if (sz == 8 || p[4] < '2')
			break;
		p += len, sz = 8;
	}
	G.tztr = p + 44, G.tzn = c[3], G.tztypes = c[4], G.tzsz = sz;
	f = p + len;                          /* "\nTZ string\n" */
	if (sz == 8 && f < e && *f == '\n' && (e = memchr(f + 1, '\n', e - f - 1)))
		*e = 0, G.tzfoot = tz_posix((char *)f + 1, &G.tzs);
	return 0;
}

/* Load the zone once: TZ (POSIX string, :file or name in $TZDIR or
 * /usr/share/zoneinfo) or /etc/localtime; TZ="" is UTC, as POSIX and libc
 * say, and so is a TZ that is neither string nor file, with a warning. */
static void tz_load(void)
{
	const char *tz = env("TZ");
	char path[PATH_MAX];
	int fd;
	ssize_t n;

	G.tzlo = G.tzhi = G.tzlen = G.tzn = G.tzfoot = 0, G.tztr = G.tz;
	if (tz && *tz == ':')
		tz++;
	if (tz_posix(tz ? tz : "", &G.tzs) || (tz && !*tz))
		return;
	G.tzs.dst = G.tzs.off[0] = 0;           /* UTC unless a file says */
	if (!tz)
		pathf(path, "%s/etc/localtime", G.root);
	else if (*tz == '/')
		pathf(path, "%s%s", G.root, tz);
	else
		pathf(path, "%s%s/%s", G.root, env("TZDIR") ? env("TZDIR")
		    : "/usr/share/zoneinfo", tz);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		if (tz)                         /* UTC, as libc does */
			warnx("TZ '%s' not understood: times are in UTC", tz);
		return;
	}
	n = read(fd, G.tz, sizeof G.tz);
	close(fd);
	if (n > FILE_MAX || n < 0 || tz_parse(G.tz, n) < 0)
		warnx(n > FILE_MAX ? "%s is over %d bytes: times are in UTC"
		    : "%s is not a valid TZif file: times are in UTC", path, FILE_MAX);
	else
		G.tzlen = n;
}

/* Transition i of the TZif, seconds since the Epoch. */
static long long tz_tr(long i)
{
	const unsigned char *p = G.tztr + G.tzsz * i;

	return G.tzsz == 8 ? (long long)((unsigned long long)be32(p) << 32
	    | (unsigned)be32(p + 4)) : be32(p);
}

/* Offset east of UTC at time t: the TZif's transitions, then its footer's
 * rules; or the POSIX TZ's rules. Cached for the span it holds in. */
static long tz_offset(long long t)
{
	const unsigned char *ix = G.tztr + G.tzn * G.tzsz;
	long long lo = LLONG_MIN, hi = LLONG_MAX;
	long a = 0, b = G.tzn, m, idx = 0;

	if (t >= G.tzlo && t < G.tzhi)
		return G.tzoff;
	while (a < b) {                       /* the first transition > t */
		m = (a + b) / 2;
		if (tz_tr(m) <= t) a = m + 1; else b = m;
	}
	if (a > 0)
		idx = ix[a - 1], lo = tz_tr(a - 1);
	if (a < (long)G.tzn)
		hi = tz_tr(a);
	G.tzoff = G.tzlen ? be32(ix + G.tzn + 6 * (idx < (long)G.tztypes ? idx : 0)) : 0;
	if (a == (long)G.tzn && (G.tzfoot || !G.tzlen))
		G.tzoff = tz_rules(&G.tzs, t, &lo, &hi);
	G.tzlo = lo, G.tzhi = hi;
	return G.tzoff;
}

/* ---- filters, counts and the formatter --------------------------------- */

/* Does the event pass -4/-6, -P and -H? Applied after the kernel's filter too. */
static int wanted(const struct event *ev)
{
	int i, hit;

	if (G.fam && ev->family != G.fam)
		return 0;
	for (hit = !G.nports, i = 0; i < G.nports; i++)
		hit |= (ev->have & (HAVE_PORTS | HAVE_LPORT) && ev->lport == G.ports[i])
		    || (ev->have & HAVE_PORTS && ev->rport == G.ports[i]);
	if (!hit)
		return 0;
	for (hit = !G.nhosts, i = 0; i < G.nhosts; i++)
		hit |= ev->have & HAVE_ADDR && (!memcmp(ev->laddr, G.hosts[i], 16)
		    || !memcmp(ev->raddr, G.hosts[i], 16));
	return hit;
}

/* The errors of __tcp_retransmit_skb()'s early returns (6.18 source), which
 * come before it adds the attempt to RetransSegs: the original still queued,
 * no window, no memory to split it, a bad sequence, no route (EBUSY and
 * EHOSTUNREACH measured uncounted). An error of the transmit step itself
 * comes after it (a netfilter drop's EPERM, ENOBUFS; measured counted). */
static const unsigned char early_err[] = {
	EBUSY, EAGAIN, ENOMEM, EINVAL, EHOSTUNREACH,
};

/* Does the kernel count this attempt (6.17+ err field) in RetransSegs? */
static int counted(int err)
{
	size_t i;

	for (i = 0; i < sizeof early_err && err < 0; i++)
		if (err == -early_err[i])
			return 0;
	return 1;
}

/* The row marker of a shown event, or NULL when it is not shown: R> rows are
 * what RetransSegs counts, E> (-e) the attempts it does not. */
static const char *marker(const struct event *ev)
{
	if ((ev->type == EV_TLP && !G.opt_l) || ev->type == EV_CONG
	    || (!counted(ev->err) && !G.opt_e)
	    || (FEATURE_FILTER && !wanted(ev)))
		return NULL;
	return !counted(ev->err) ? "E>" : ev->type == EV_TLP ? "L>" : "R>";
}

/* Name of a failed attempt's error: "EBUSY", else "E-16". */
static const char *err_name(int err)
{
	static const struct { int e; const char *n; } t[] = {
		{ EBUSY, "EBUSY" }, { EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" },
		{ ENOBUFS, "ENOBUFS" }, { EHOSTUNREACH, "EHOSTUNREACH" },
		{ ENETUNREACH, "ENETUNREACH" }, { EINVAL, "EINVAL" },
		{ EPERM, "EPERM" }, { EMSGSIZE, "EMSGSIZE" }, { ENOENT, "ENOENT" },
	};
	static char b[16];
	size_t i;

	for (i = 0; i < sizeof t / sizeof *t; i++)
		if (-err == t[i].e)
			return t[i].n;
	sfmt(b, sizeof b, "E%d", err);
	return b;
}

/* Append s, then spaces up to w characters in all (printf's %-*s); returns
 * the end. The rows are written with these, not vsfmt(): at -r's pace,
 * parsing a format per piece was a third of the time. */
static char *put_s(char *p, const char *s, int w)
{
	char *e = p + w;

	while (*s)
		*p++ = *s++;
	while (p < e)
		*p++ = ' ';
	return p;
}

/* Spaces after a column's text, which began at q and ends at p: up to
 * q + w, at least one; returns their end. Three word stores (w <= 24): those
 * past the end are overwritten by what follows (a row is at most 208 bytes:
 * ROW_MAX leaves room). put_s()'s byte loops were a quarter of a row's
 * instructions (375 of 1,530 on a 6.18 trace). */
static char *put_pad(char *q, char *p, int w)
{
	const unsigned long long sp = 0x2020202020202020ULL;

	memcpy(p, &sp, 8), memcpy(p + 8, &sp, 8), memcpy(p + 16, &sp, 8);
	return p - q < w ? q + w : p + 1;
}

/* The end of the text at p, whose NUL is in the block just copied there (a
 * multiple of 8 bytes): a word a test, each zero byte found exactly (no
 * carry between bytes). A timestamp's: 24 instructions, 51 byte by byte. */
static char *text_end(char *p)
{
	const unsigned long long m = 0x7f7f7f7f7f7f7f7fULL;
	unsigned long long v, z;

	for (;; p += 8) {
		memcpy(&v, p, 8);
		if ((z = ~(((v & m) + m) | v | m)))
#if defined __BYTE_ORDER__ && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
			return p + __builtin_clzll(z) / 8;
#else
			return p + __builtin_ctzll(z) / 8;
#endif
	}
}

/* Store the n (4 or 8) low bytes of x at p, the lowest first: one store. */
static void put_le(char *p, unsigned long long x, int n)
{
	unsigned w = x;

#if defined __BYTE_ORDER__ && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap64(x), w = __builtin_bswap32(w);
#endif
	n == 8 ? memcpy(p, &x, 8) : memcpy(p, &w, 4);
}

/* The 8 decimal digits of v < 10^8 as the bytes of a word, the first the
 * lowest (each 0 to 9). No divide, no loop: v is split into 4-digit halves,
 * those into 2-digit quarters, those into digits, each step on all lanes at
 * once by one multiply that is exact below the lane's bound. */
static unsigned long long dec8(unsigned v)
{
	unsigned long long x = v * 0xd1b71759ULL >> 45, h;     /* v / 10^4 */

	x |= (v - x * 10000) << 32;
	h = (x * 5243 >> 19) & 0x0000007f0000007fULL;          /* / 100: < 43699 */
	x = h | (x - h * 100) << 16;
	h = (x * 103 >> 10) & 0x000f000f000f000fULL;           /* / 10: < 179 */
	return h | (x - h * 10) << 8;
}

/* Append v in decimal, or in hex; returns the end. Up to 8 bytes past
 * the end may be written (rows have room: ROW_MAX). Decimal is dec8()'s
 * words, the first one's leading zeros shifted out: a port in 49
 * instructions, 106 digit by digit. Hex is counted first, then written
 * backwards in place. */
static char *put_u(char *p, unsigned v, int hex)
{
	char *e = p + 1, *s;
	unsigned long long t;

	if (!hex) {
		int big = v >= 100000000, zeros;     /* over 8 digits: rare */

		if (big)
			p = put_u(p, v / 100000000, 0), v %= 100000000;
		t = dec8(v);
		zeros = big ? 0 : __builtin_ctzll(t | 1ULL << 56) / 8; /* 0: "0" */
		put_le(p, t >> 8 * zeros | 0x3030303030303030ULL, 8);
		return p + 8 - zeros;
	}
	for (t = 16; t <= v; t <<= 4)   /* 64 bits: 16^8 fits */
		e++;
	for (s = e; s > p; v >>= 4)
		*--s = "0123456789abcdef"[v & 15];
	return e;
}

/* "a.b.c.d" of the 4 bytes at a, at p; returns its end. The digits of two
 * bytes are found at once, in the 32-bit lanes of a word, and each byte's
 * text goes as one store, its leading zeros shifted out: ntop() of an IPv4
 * address in 108 instructions, 153 a byte at a time. Writes at most 16
 * bytes, what "255.255.255.255" and a NUL take. */
static char *put_v4(char *p, const unsigned char a[4])
{
	int i, z;

	for (i = 0; i < 4; i += 2) {
		unsigned long long x = a[i] | (unsigned long long)a[i + 1] << 32, h, t;
		unsigned w;

		h = (x * 41 >> 12) & 0x0000000f0000000fULL;     /* / 100: < 256 */
		x -= h * 100;
		t = (x * 205 >> 11) & 0x0000000f0000000fULL;    /* / 10: < 1029 */
		x = h | t << 8 | (x - t * 10) << 16 | 0x0010000000100000ULL;
		for (z = 0; z < 2; z++, x >>= 32) {   /* bit 20: stops the count */
			w = x;                          /* at the last digit, as the */
			h = __builtin_ctz(w) & 24;      /* '0' sets it anyway */
			put_le(p, (w | 0x2e303030) >> h, 4), p += 4 - h / 8;
		}
	}
	return p - 1;                      /* the last '.' */
}

/* IPv4 or IPv6 text of 16 bytes (IPv4 mapped), as RFC 5952 and the kernel's
 * %pI6c write it, at b; returns its end (the NUL). musl's inet_ntop would
 * bring its printf along. */
static char *ntop(char *b, const unsigned char a[16], int v4)
{
	int i, best = -1, bl = 1, run = 0;
	char *p = b;

	if (v4 || is_mapped(a)) {
		p = put_v4(v4 ? p : put_s(p, "::ffff:", 0), a + 12);
		*p = 0;
		return p;
	}
	for (i = 0; i < 8; i++) {             /* the first longest zero run */
		run = a[2 * i] | a[2 * i + 1] ? 0 : run + 1;
		if (run > bl)
			bl = run, best = i - run + 1;
	}
	for (i = 0; i < 8; i++) {
		if (i == best) {
			*p++ = ':', *p++ = ':';
			i += bl - 1;
			continue;
		}
		if (p > b && p[-1] != ':')
			*p++ = ':';
		p = put_u(p, a[2 * i] << 8 | a[2 * i + 1], 1);
	}
	*p = 0;
	return p;
}

/* The address of one end as text, or NULL when it is not known. */
static const char *fmt_addr(char *b, const struct event *ev, int remote)
{
	const unsigned char *a = remote ? ev->raddr : ev->laddr;

	return ev->have & HAVE_ADDR && ntop(b, a, ev->family == 4) ? b : NULL;
}

/* "a.b.c.d:port", "[v6]:port", with '-' for what is not known; returns the
 * end. */
static char *fmt_end(char *b, const struct event *ev, int remote)
{
	int v6 = ev->have & HAVE_ADDR && ev->family == 6;
	char *p = b;

	if (v6)
		*p++ = '[';
	if (ev->have & HAVE_ADDR)
		p = ntop(p, remote ? ev->raddr : ev->laddr, ev->family == 4);
	else
		*p++ = '-';
	if (v6)
		*p++ = ']';
	*p++ = ':';
	if (ev->have & (remote ? HAVE_PORTS : HAVE_PORTS | HAVE_LPORT))
		p = put_u(p, remote ? ev->rport : ev->lport, 0);
	else
		*p++ = '-';
	*p = 0;
	return p;
}

/* clock_gettime() as a system call: musl's looks the vDSO up, 0.6 to 0.8 KB
 * of code for a call made once per batch or row. A 32-bit machine's
 * timespec has musl's 64-bit time_t: clock_gettime64 (5.1+), else the old
 * call's 32-bit one (tv_nsec fits in place on either byte order). */
static void clock_now(clockid_t clk, struct timespec *ts)
{
#ifdef SYS_clock_gettime64
	long t32[2];

	if (!syscall(SYS_clock_gettime64, clk, ts))
		return;
	syscall(SYS_clock_gettime32, clk, t32);
	ts->tv_sec = t32[0], ts->tv_nsec = t32[1];
#else
	syscall(SYS_clock_gettime, clk, ts);
#endif
}

/* realtime - monotonic and boottime - monotonic in us: a step of the wall
 * clock moves the first, a suspend both; nothing else does (NTP slews
 * monotonic too). */
static void clock_offsets(long long o[2])
{
	struct timespec m, t;
	int i;

	clock_now(CLOCK_MONOTONIC, &m);
	for (i = 0; i < 2; i++) {
		clock_now(i ? CLOCK_BOOTTIME : CLOCK_REALTIME, &t);
		o[i] = (t.tv_sec - m.tv_sec) * 1000000LL + (t.tv_nsec - m.tv_nsec) / 1000;
	}
}

/* Did the clock step or the machine sleep between offsets was and now? Under
 * 5 ms is a preemption between the clock reads, not a step. */
static int clock_moved(const long long was[2], const long long now[2])
{
	return (unsigned long long)(now[0] - was[0] + 5000) > 10000
	    || (unsigned long long)(now[1] - was[1] + 5000) > 10000;
}

/* HH:MM:SS of wall-clock time t, in the local zone. */
static void fmt_clock(char *b, long long t)
{
	t += FEATURE_TZ ? tz_offset(t) : 0;
	t = (t % 86400 + 86400) % 86400;
	sfmt(b, TS_MAX, "%02d:%02d:%02d", (int)(t / 3600), (int)(t / 60 % 60),
	    (int)(t % 60));
}

/* The time column: the trace's timestamp (-r, -t), else wall-clock time:
 * the trace's time through the last sync, or the time the row is read when
 * the clock moved since (a step, a suspend), until a sync made after the
 * move is back. A marker on its way is from before the move: the check
 * fires again once it is back. */
static void fmt_time(char *b, const struct event *ev)
{
	struct timespec now;
	long long o[2];

	if (G.clock == CLK_TRACE && !*G.root) {
		clock_offsets(o);
		if (clock_moved(G.sync_off, o)) {
			G.clock = CLK_NOW;
			if (!G.sync_us)
				G.sync_ms -= 60000;   /* trace_loop() resyncs after this batch */
		}
	}
	if (G.replay || G.opt_t)         /* a word copy: TS_MAX, NUL within */
		ev->have & HAVE_TS ? memcpy(b, ev->ts, TS_MAX) : memcpy(b, "-", 2);
	else if (G.clock == CLK_TRACE && ev->have & HAVE_TS)
		fmt_clock(b, (G.clock_off + (long long)ev->sec * 1000000 + ev->usec)
		    / 1000000);
	else {
		clock_now(CLOCK_REALTIME, &now);
		fmt_clock(b, now.tv_sec);
	}
}

/* Bytes of the well-formed UTF-8 character at s, if it is U+00A0 or above
 * (no C1 control a terminal would act on); else 0. */
static int utf8_len(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned long c = u[0];
	int k = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2, i;

	if (c < 0xc2 || c > 0xf4)
		return 0;
	for (c &= 0x7f >> k, i = 1; i < k; i++)
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		else
			c = c << 6 | (u[i] & 0x3f);
	return c >= (k == 2 ? 0xa0 : 1UL << (5 * k - 4)) && c <= 0x10ffff
	    && c - 0xd800 > 0x7ff ? k : 0;
}

/* Append s as text that cannot drive a terminal. As a JSON string: UTF-8
 * as it is; controls, DEL and C1 controls as \u00XX; a byte that is not
 * UTF-8 as U+FFFD. As text (-p's comm, the last column): bytes that are not
 * printable ASCII or UTF-8, and the backslash itself, as \xHH. */
static void out_str(const char *s, int json)
{
	int raw = 0;                   /* bytes of a UTF-8 character left */

	if (json)
		out("\"");
	for (; s && *s; s++) {
		unsigned c = (unsigned char)*s;
		const char *f = "%c";
		if (raw || (raw = utf8_len(s)))
			raw--;
		else if (!json)
			f = c < 0x20 || c > 0x7e || c == '\\' ? "\\x%02x" : "%c";
		else if (c == '"' || c == '\\')
			f = "\\%c";
		else if (c == 0xc2 && (unsigned char)s[1] - 0x80u < 0x20)
			f = "\\u%04x", c = (unsigned char)*++s;
		else if (c >= 0x80)
			f = "\\ufffd";
		else if (c < 0x20 || c == 0x7f)
			f = "\\u%04x";
		out(f, c);
	}
	if (json)
		out("\"");
}

static void json_str(const char *s)
{
	out_str(s, 1);
}

static void out_comm(const char *s)
{
	out_str(s, 0);
}

/* ,"key":"value" or ,"key":null */
static void json_kv(const char *key, const char *v)
{
	out(",\"%s\":", key);
	if (v)
		json_str(v);
	else
		out("null");
}

/* ,"key":N or ,"key":null */
static void json_kn(const char *key, int known, unsigned long long v)
{
	if (known)
		out(",\"%s\":%llu", key, v);
	else
		out(",\"%s\":null", key);
}

/* The endpoints of an event or a flow as JSON members. */
static void json_ends(const struct event *ev)
{
	char a[INET6_ADDRSTRLEN];

	json_kn("family", ev->family != 0, ev->family);
	json_kv("laddr", fmt_addr(a, ev, 0));
	json_kn("lport", ev->have & (HAVE_PORTS | HAVE_LPORT), ev->lport);
	json_kv("raddr", fmt_addr(a, ev, 1));
	json_kn("rport", ev->have & HAVE_PORTS, ev->rport);
}

/* Width of the TIME column: HH:MM:SS, or the trace's "SECONDS.US" (-t, -r)
 * up to 3 years of uptime. */
static int time_width(void)
{
	return G.replay || G.opt_t ? 16 : 8;
}

static void print_header(void)
{
	if (G.opt_j || G.opt_c)
		return;
	out("%-*s %-6s %-20s -- %-20s %-12s%s\n", time_width(), "TIME", "PID",
	    "LADDR:LPORT", "RADDR:RPORT", G.opt_w ? "STATE        CAUSE " : "STATE",
	    G.opt_p ? " COMM" : "");
	flush_out();
}

/* LADDR:LPORT MARK RADDR:RPORT, each end padded to 21, at p: its end. */
static char *put_ends(char *p, const struct event *ev, const char *mark)
{
	unsigned tag = (ev->lport | (unsigned)ev->rport << 16) ^ ev->laddr[15]
	    ^ (unsigned)ev->raddr[15] << 8;
	struct ends *m = &G.ends[FAST ? (tag * 2654435761u >> 28) % ENDS_SLOTS
	    : 0];
	int known = FAST && m->tag == tag;
	char *s = p, *q;

	if (known && m->n && m->have == ev->have && same(m->mark, mark, 2)
	    && same(m->tp, ev, TP_SIZE)) {
		copy16(p, m->text, m->n);
		return p + m->n;
	}
	m->tag = tag;
	p = put_pad(p, fmt_end(p, ev, 0), 21);
	memcpy(p, mark, 2), p[2] = ' ', p += 3, q = p;
	p = put_pad(q, fmt_end(p, ev, 1), 21);
	if (known && p - s <= ENDS_TEXT) {
		m->n = p - s, m->have = ev->have;
		memcpy(m->mark, mark, 2), copy16(m->text, s, p - s);
		copy16(m->tp, ev, TP_SIZE);
	}
	return p;
}

/* One event as a row or a JSON object (left open for its stack). The row is
 * written straight into the output buffer: all but -p's comm fits ROW_MAX. */
static void print_event(const struct event *ev, const char *mark)
{
	char tb[TS_MAX] = "", *p, *q;      /* "": text_end() reads all of it */
	const char *state = ev->have & HAVE_STATE ? state_names[ev->state] : NULL;
	const char *err = FEATURE_FAILED && ev->err < 0 && G.opt_e  /* also a */
	    ? err_name(ev->err) : NULL;                 /* counted one's (EPERM) */
	int own = FEATURE_OWNERS && G.opt_p;
	char sb[24];

	fmt_time(tb, ev);
	if (FEATURE_JSON && G.opt_j) {
		out("{\"time\":");
		json_str(tb);
		json_kv("type", mark[0] == 'E' ? "failed" : mark[0] == 'L' ? "tlp"
		    : "retransmit");
		json_kn("pid", !G.opt_p || ev->opid, G.opt_p ? ev->opid : ev->pid);
		json_ends(ev);
		json_kv("state", state);
		if (FEATURE_FAILED && G.opt_e)
			json_kv("error", err);
		if (G.opt_w)
			json_kv("cause", ev->cause ? cause_names[ev->cause] : NULL);
		if (G.opt_p)
			json_kv("comm", ev->opid && *ev->comm ? ev->comm : NULL);
		G.open = 1;
		return;
	}
	if (FEATURE_CAUSES && G.opt_w)   /* CAUSE: a column after STATE */
		sfmt(sb, sizeof sb, G.opt_p ? "%-12s %-6s" : "%-12s %s", state ? state
		    : "-", cause_names[ev->cause]), state = sb;
	if (sizeof G.out - G.outlen < ROW_MAX)
		flush_out();
	q = G.out + G.outlen;
	memcpy(q, tb, TS_MAX);          /* a word copy, then its length */
	p = put_pad(q, text_end(q), time_width() + 1), q = p;
	p = own && !ev->opid ? put_s(p, "-", 0) : put_u(p, own ? ev->opid : ev->pid, 0);
	p = put_pad(q, p, 7), q = p;
	p = put_ends(p, ev, mark), q = p;
	if (FEATURE_CAUSES && G.opt_w)
		p = put_s(p, state, 0);
	else         /* a name is copied whole, then its length found */
		memcpy(p, state_names[state ? ev->state : 0], 16), p = text_end(p);
	if (own)                 /* a name not read (the owner ended): - */
		p = put_pad(q, p, 13), p = put_s(p, ev->opid && *ev->comm ? "" : "-", 0);
	G.outlen = p - G.out;
	if (own && ev->opid)
		out_comm(ev->comm);
	if (err)
		out(" %s", err);
	if (G.outlen + 1 >= sizeof G.out)   /* out("\n") without vsfmt() */
		flush_out();
	G.out[G.outlen++] = '\n', G.out[G.outlen] = 0;
}

/* Close the JSON object of the last event (and its stack array). */
static void end_event(void)
{
	if (G.open)
		out("%s}\n", G.stacked ? "]" : "");
	G.open = G.stacked = 0;
	if (!G.nbatch)        /* in a batch, trace_loop() writes after the read */
		flush_out();
}

/* A stack line under the last shown event. */
static void print_stack(const char *s, size_t n)
{
	if (!FEATURE_JSON || !G.opt_j)
		out(" %.*s\n", (int)n, s);
	else if (G.open) {
		char b[LINE_MAX_ + 1];
		sfmt(b, sizeof b, "%.*s", (int)(n > 3 ? n - 3 : 0), s + 3);
		out(G.stacked++ ? "," : ",\"stack\":[");
		json_str(b);
	}
}

/* An event's flow (LADDR:LPORT <-> RADDR:RPORT) as a zeroed struct flow with
 * its key set; returns the key's hash. */
static unsigned flow_key(const struct event *ev, struct flow *k)
{
	unsigned h = 2166136261u;
	size_t j;

	memset(k, 0, sizeof *k);
	k->family = ev->family;
	k->have = ev->have & (HAVE_ADDR | HAVE_PORTS | HAVE_LPORT);
	if (ev->have & HAVE_ADDR)
		memcpy(k->laddr, ev->laddr, 16), memcpy(k->raddr, ev->raddr, 16);
	if (ev->have & (HAVE_PORTS | HAVE_LPORT))
		k->lport = ev->lport, k->rport = ev->rport;
	for (j = 0; j < FLOW_KEY; j++)
		h = (h ^ ((unsigned char *)k)[j]) * 16777619u;   /* FNV-1a */
	return h;
}

/* Count one event into its flow (-c), and by its cause (-w): a probe (L>)
 * is not a retransmit, and a TLP that retransmitted has its own R> row. */
static void flow_add(const struct event *ev)
{
	struct flow k;
	unsigned h = flow_key(ev, &k), i, c = ev->type == EV_TLP ? NCAUSES : ev->cause;

	for (i = h % SLOTS_MAX;; i = (i + 1) % SLOTS_MAX) {
		struct flow *f = G.slot[i] ? &G.flows[G.slot[i] - 1] : NULL;
		if (f && !memcmp(f, &k, FLOW_KEY)) {
			f->n++;
			if (c < NCAUSES)
				f->nc[c]++;
			return;
		}
		if (f)
			continue;
		if (G.nflows < FLOWS_MAX) {
			k.n = 1;
			if (c < NCAUSES)
				k.nc[c] = 1;
			memcpy(&G.flows[G.nflows++], &k, sizeof k);
			G.slot[i] = G.nflows;
		} else {                     /* full: count, and flows at least */
			G.over_n++;
			if (c < NCAUSES)
				G.over.nc[c]++;
			if (!(G.over_seen[h >> 19] & 1 << (h >> 16 & 7)))
				G.over_seen[h >> 19] |= 1 << (h >> 16 & 7), G.over_flows++;
		}
		return;
	}
}

/* Flows of equal counts: by addresses, then ports as numbers (their bytes
 * would order them otherwise on a big-endian machine), family, known fields:
 * the same order whatever order the events came in. */
static int flow_cmp(const struct flow *a, const struct flow *b)
{
	int d = memcmp(a, b, offsetof(struct flow, lport));

	return d ? d : a->lport != b->lport ? a->lport - b->lport : a->rport
	    != b->rport ? a->rport - b->rport : a->family != b->family ?
	    a->family - b->family : a->have - b->have;
}

/* Sort the flows, most retransmits first (shell sort: no qsort linked). */
static void sort_flows(void)
{
	int gap, i, j;
	struct flow t;

	for (gap = G.nflows / 2; gap > 0; gap /= 2)
		for (i = gap; i < G.nflows; i++) {
			t = G.flows[i];
			for (j = i; j >= gap && (G.flows[j - gap].n < t.n || (G.flows[j - gap].n
			    == t.n && flow_cmp(&G.flows[j - gap], &t) > 0)); j -= gap)
				G.flows[j] = G.flows[j - gap];
			G.flows[j] = t;
		}
}

/* -w: a flow's retransmits by cause, as columns or JSON members ("RTO":1);
 * with no flow, the columns' titles; past a full table, as "RTO 1". */
static void out_causes(const struct flow *f)
{
	int i;

	for (i = 1; G.opt_w && i <= NCAUSES; i++) {
		int c = i % NCAUSES;                  /* "-" last */
		if (!f)
			out(" %6s", cause_names[c]);
		else
			out(G.opt_j ? ",\"%s\":%llu" : f == &G.over ? " %s %llu"
			    : "%.0s %6llu", cause_names[c], f->nc[c]);
	}
}

/* Print the flow table, most retransmits first, and empty it (-c, -i). */
static void print_flows(void)
{
	char tb[TS_MAX], lb[ADDR_MAX], rb[ADDR_MAX];
	struct timespec now;
	struct event ev;
	int i;

	clock_now(CLOCK_REALTIME, &now);
	fmt_clock(tb, now.tv_sec);
	if (G.replay || G.opt_t)      /* the trace's own time: its last event's */
		sfmt(tb, sizeof tb, "%s", G.last_ts[0] ? G.last_ts : "-");
	sort_flows();
	if (!G.opt_j)                 /* the title of each column over it */
		out("%s%s%-25s <-> %-25s %11s", G.interval ? tb : "",
		    G.interval ? "\n" : "", "LADDR:LPORT", "RADDR:RPORT", "RETRANSMITS"),
		out_causes(NULL), out("\n");
	for (i = 0; i < G.nflows && !G.out_gone; i++) {
		const struct flow *f = &G.flows[i];
		memset(&ev, 0, sizeof ev);
		ev.family = f->family, ev.have = f->have;
		memcpy(ev.laddr, f->laddr, 16), memcpy(ev.raddr, f->raddr, 16);
		ev.lport = f->lport, ev.rport = f->rport;
		if (FEATURE_JSON && G.opt_j) {
			out("{\"time\":");
			json_str(tb);
			json_ends(&ev);
			out(",\"count\":%llu", f->n);
		} else {
			fmt_end(lb, &ev, 0), fmt_end(rb, &ev, 1);
			out("%-25s <-> %-25s %11llu", lb, rb, f->n);
		}
		out_causes(f);
		out(G.opt_j ? "}\n" : "\n");
		flush_out();
	}
	if (G.over_n && G.opt_j)
		out("{\"time\":\"%s\",\"uncounted_flows\":%lu,\"count\":%llu", tb,
		    G.over_flows, G.over_n), out_causes(&G.over), out("}\n");
	else if (G.over_n)
		out("at least %lu more flows, over the table's %d, with %llu "
		    "retransmits%s", G.over_flows, FLOWS_MAX, G.over_n, G.opt_w ? ":" : ""),
		    out_causes(&G.over), out("\n");
	flush_out();
	G.nflows = 0, G.over_n = 0, G.over_flows = 0;
	memset(&G.over, 0, sizeof G.over);
	memset(G.slot, 0, sizeof G.slot);
	memset(G.over_seen, 0, sizeof G.over_seen);
}

/* -w: the cause a stack frame ("=> tcp_ack") names, or CA_NONE. The
 * innermost such frame is the path that called the retransmit: the timer
 * (tcp_write_timer_handler where tcp_retransmit_timer is inlined into it),
 * ACK processing (tcp_xmit_retransmit_queue; tcp_rack_reo_timeout, the RACK
 * reordering timer under the timer handler, and tcp_simple_retransmit, a
 * path MTU drop, call it: named, in case it is inlined into them), or a
 * tail loss probe. */
static int frame_cause(const char *s, size_t n)
{
	static const char names[] = "\1tcp_retransmit_timer\0"
	    "\6tcp_xmit_retransmit_queue\0" "\6tcp_rack_reo_timeout\0"
	    "\6tcp_simple_retransmit\0" "\4tcp_send_loss_probe\0"
	    "\1tcp_write_timer_handler\0";
	const char *t;
	size_t l;

	if (n < 3 || memcmp(s, "=> ", 3))
		return CA_NONE;
	for (s += 3, n -= 3, l = 0; l < n && !strchr(".+ ", s[l]); l++)
		;                 /* "name.part.0", "name+0x4/0x90" */
	for (t = names; *t; t += strlen(t) + 1)
		if (strlen(t + 1) == l && !memcmp(t + 1, s, l))
			return *t;
	return CA_NONE;
}

/* -w: the congestion table's slot for ev's flow: its own, or the free one
 * where it would go (its hash set). */
static unsigned cong_slot(const struct event *ev)
{
	struct flow k;
	unsigned h = flow_key(ev, &k), i = h % CONG_SLOTS;

	while (G.cong[i].key[FLOW_KEY - 1] && memcmp(G.cong[i].key, &k, FLOW_KEY))
		i = (i + 1) % CONG_SLOTS;
	if (!G.cong[i].key[FLOW_KEY - 1])
		memcpy(G.cong[i].key, &k, FLOW_KEY - 1), G.cong[i].hash = h;
	return i;
}

/* -w: free slot i, moving up the entries after it that belong nearer their
 * home slot (linear probing keeps no holes). */
static void cong_del(unsigned i)
{
	unsigned j = i, home;

	G.ncong--;
	for (;;) {
		G.cong[i].key[FLOW_KEY - 1] = 0;
		do {
			j = (j + 1) % CONG_SLOTS;
			if (!G.cong[j].key[FLOW_KEY - 1])
				return;
			home = G.cong[j].hash % CONG_SLOTS;
		} while (i <= j ? i < home && home <= j : i < home || home <= j);
		G.cong[i] = G.cong[j], i = j;
	}
}

/* -w: follow a flow's congestion state (a tcp:tcp_cong_state_set event). A
 * state this does not know (the kernel's are 0 to 4) makes it not known. */
static void cong_set(const struct event *ev)
{
	unsigned i = cong_slot(ev);
	struct cong *c = &G.cong[i];

	if (c->key[FLOW_KEY - 1]) {
		if (!ev->ca && !c->unsure)
			cong_del(i);                  /* back in Open */
		else
			c->ca = ev->ca, c->unsure |= ev->ca > 4;
		return;
	}
	if (!ev->ca)
		return;
	if (G.ncong == CONG_MAX) {           /* closed flows stay: start anew */
		if (FIRST(G.cong_full))
			warnx("-w: over %d flows out of the Open congestion state: "
			    "followed anew, their FAST and LOSS rows say ACK until "
			    "their next change", CONG_MAX);
		memset(G.cong, 0, sizeof G.cong), G.ncong = 0;
		c = &G.cong[cong_slot(ev)];
	}
	c->key[FLOW_KEY - 1] = ev->have & (HAVE_ADDR | HAVE_PORTS), G.ncong++;
	c->ca = ev->ca, c->unsure = ev->ca > 4, c->sk = 0;
}

/* -w: the cause of an ACK-driven retransmit of ev's flow now, as the kernel
 * counts it: LOSS in the Loss state (TCPSlowStartRetrans), else FAST
 * (TCPFastRetrans); ACK when its state is not known: no change seen (a
 * kernel before 5.19 has none), events lost, the table emptied, or two
 * sockets with the same tuple (in two namespaces) retransmitted. A flow's
 * sockets are told apart where retransmits name theirs (kprobes, 6.9+). */
static int cong_cause(const struct event *ev)
{
	unsigned i = cong_slot(ev);
	struct cong *c = &G.cong[i];

	if (!c->key[FLOW_KEY - 1])
		return CA_ACK;
	if (ev->sk && c->sk && ev->sk != c->sk)
		c->unsure = 1;
	if (ev->sk)
		c->sk = ev->sk;
	return c->unsure ? CA_ACK : c->ca == 4 ? CA_LOSS : CA_FAST;
}

/* Show an event: its row, or counted into its flow (-c). */
static void emit(const struct event *ev, const char *mark)
{
	if (FEATURE_COUNT && G.opt_c)
		flow_add(ev), memcpy(G.last_ts, ev->ts, TS_MAX);
	else
		print_event(ev, mark);
}

/* Are stack lines printed under the events (-s, not -c)? */
static int stacks_shown(void)
{
	return G.opt_s && !G.opt_c;
}

/* The i-th held event, oldest first. */
static struct held *held_at(int i)
{
	return &G.held[(G.h0 + i) % HOLD_MAX];
}

/* Print the held events that can go, oldest first: a row once its cause is
 * known (-w), then its stack lines (-s), which it waits for. An event leaves
 * once its stack has ended, or none can come. */
static void held_flush(void)
{
	while (G.nheld && !G.out_gone && !(G.opt_n && G.nshown >= G.opt_n)) {
		struct held *h = &G.held[G.h0];
		const char *t = G.held_text[G.h0], *s, *e;

		if (h->why)
			return;
		if (!h->out) {
			h->out = 1;
			emit(&h->ev, h->mark);
			for (s = t; stacks_shown() && s < t + h->len; s = e + 1)
				e = memchr(s, '\n', t + h->len - s), print_stack(s, e - s);
		}
		if (stacks_shown() && (h->wait || G.block == G.h0 + 1))
			return;                  /* its stack may come, or go on */
		if (G.block == G.h0 + 1)
			G.block = 0;
		G.h0 = (G.h0 + 1) % HOLD_MAX, G.nheld--;
		end_event();
		if (G.opt_n && ++G.nshown >= G.opt_n)
			G.stop = -1;             /* -n COUNT reached, stack and all */
	}
}

/* No stack can be h's now: its CPU went on, its events were lost, or the
 * input paused. A cause not named yet is not known. */
static void stack_gone(struct held *h)
{
	if (h->why)
		h->why = 0, h->ev.cause = CA_NONE;
	h->wait = 0;
}

/* Let every held event go: the input paused or ended, or events were lost
 * (another stack of their CPU may be a lost event's). */
static void held_end(void)
{
	int i;

	for (i = 0; i < G.nheld; i++)
		stack_gone(held_at(i));
	G.block = 0;
	held_flush();
}

/* Hold a shown event until its stack is read (or it needs none). */
/* Does a shown event wait before it goes: for its cause (-w; then 2), or
 * for its stack (-s)? hold() and show_now() ask the same. */
static int waits(const struct event *ev)
{
	return FEATURE_CAUSES && G.opt_w && ev->type == EV_RETRANS ? 2 : !!G.opt_s;
}

static void hold(const struct event *ev, const char *mark)
{
	struct held *h;

	if (G.nheld == HOLD_MAX) {
		if ((held_at(0)->wait || G.block == G.h0 + 1) && FIRST(G.held_full))
			warnx("-s, -w: over %d events came between an event and its "
			    "stack (HOLD_MAX): their stacks and causes show -",
			    HOLD_MAX);
		stack_gone(held_at(0));
		G.block = G.block == G.h0 + 1 ? 0 : G.block;
		held_flush();
	}
	h = held_at(G.nheld++);
	h->ev = *ev, h->mark = mark, h->out = h->cut = 0, h->len = 0, h->frames = 0;
	h->why = waits(ev) == 2;
	h->wait = waits(ev) != 0;
	if (h->why)
		h->ack = cong_cause(ev);     /* the state when it was sent */
	held_flush();
}

/* A stack's head on cpu: the stack of the last event held on that CPU that
 * has none yet; of none (its event not shown, lost or let go), not shown. */
static void stack_head(unsigned cpu)
{
	int i;

	G.block = 0;
	for (i = G.nheld; i-- > 0;)
		if (held_at(i)->ev.cpu == cpu && held_at(i)->wait) {
			held_at(i)->wait = 0;
			G.block = (G.h0 + i) % HOLD_MAX + 1;
			return;
		}
}

/* A stack line: to its event's cause (-w) and its stack (-s). */
static void stack_line(const char *s, size_t n)
{
	struct held *h = &G.held[G.block - 1];
	char *t = G.held_text[G.block - 1];
	int c;

	while (*s == ' ' || *s == '\t')      /* (strspn builds a table per call) */
		s++, n--;
	if (FEATURE_CAUSES && h->why && (c = frame_cause(s, n)))
		h->why = 0, h->ev.cause = c == CA_ACK ? h->ack : c;
	else if (FEATURE_CAUSES && h->why && ++h->frames == PEEK_MAX)
		h->why = 0, h->ev.cause = CA_NONE;
	if (!stacks_shown() || h->cut)
		;
	else if (h->out)
		print_stack(s, n);
	else if (h->len + n + 1 <= HOLD_TEXT)
		memcpy(t + h->len, s, n), h->len += n, t[h->len++] = '\n';
	else if ((h->cut = 1) && FIRST(G.held_cut))
		warnx("-s: a stack over %d bytes came after other events: the rest "
		    "of it is not shown", HOLD_TEXT);
	held_flush();
}

/* Show a marked event at once when nothing is held and it waits for
 * nothing (no -s, no -w cause to find): what hold() and held_flush() do
 * then, without its copy into the ring (98 instructions a row). 0: it must
 * be held. */
static int show_now(const struct event *ev, const char *mark)
{
	if (G.nheld || waits(ev) || G.out_gone || (G.opt_n && G.nshown >= G.opt_n))
		return 0;
	emit(ev, mark);
	end_event();
	if (G.opt_n && ++G.nshown >= G.opt_n)
		G.stop = -1;             /* -n COUNT reached */
	return 1;
}

/* Print the batch: each shown event with its stack lines (written after the
 * read; live, also after each full batch: the next one's lookups take time);
 * or, with -c, counted into its flow. An event whose stack may still come
 * is held: at the next read, or after IDLE_MS without input (trace_loop()),
 * it may go on. */
static void print_batch(void)
{
	int i, j, last;

	for (i = 0; i < G.nbatch && !G.out_gone && !G.stop; i++) {
		const struct item *it = &G.batch[i];
		const char *mark;

		if (it->kind == PL_STACK) {
			if (G.block)
				stack_line(it->line, it->len);
			continue;
		}
		last = G.block, G.block = 0;      /* the last stack has ended */
		if (it->kind == PL_HEAD && last && G.held[last - 1].ev.cpu
		    == it->ev.cpu && find(it->line, it->len, "<user stack trace>"))
			G.block = last;            /* a replay's: the user part */
		else if (it->kind == PL_HEAD)
			stack_head(it->ev.cpu);
		if (it->kind == PL_HEAD)
			continue;
		if (it->kind == PL_LOST) {
			held_end();                /* their stacks may be lost */
			memset(G.cong, 0, sizeof G.cong), G.ncong = 0;
			continue;
		}
		for (j = 0; j < G.nheld; j++)      /* their stacks would have come */
			if (held_at(j)->ev.cpu == it->ev.cpu)
				stack_gone(held_at(j));
		if (it->kind == PL_OTHER)
			continue;
		if (FEATURE_CAUSES && it->ev.type == EV_CONG)
			cong_set(&it->ev);
		else if ((mark = marker(&it->ev)) && !show_now(&it->ev, mark))
			hold(&it->ev, mark);
	}
	G.nbatch = 0;        /* written after the read (trace_loop()) or when full */
}

/* ---- tracefs setup and teardown ---------------------------------------- */

/* Mount point (unescaped: "\040" is a space) and source of the first fs of
 * this type in a /proc/mounts text; -1 if none. */
static int parse_mounts(const char *text, const char *type, char *buf, char src[32])
{
	const char *s, *e, *p, *f[4];
	size_t tl = strlen(type), n;
	int k;

	for (s = text; *s; s = *e ? e + 1 : e) {
		e = strchrnul(s, '\n');
		for (k = 0, f[0] = s; k < 3; k++) {  /* device dir type options */
			const char *sp = memchr(f[k], ' ', e - f[k]);
			if (!sp)
				break;
			f[k + 1] = sp + 1;
		}
		if (k < 3 || (size_t)(f[3] - 1 - f[2]) != tl || memcmp(f[2], type, tl))
			continue;
		for (k = 0, p = f[1]; p < f[2] - 1 && k < PATH_MAX - 1; k++)
			if (p[0] == '\\' && f[2] - 1 - p >= 4 && p[1] >= '0' && p[1] <= '3'
			    && p[2] >= '0' && p[2] <= '7' && p[3] >= '0' && p[3] <= '7')
				buf[k] = (p[1] - '0') * 64 + (p[2] - '0') * 8 + p[3] - '0', p += 4;
			else
				buf[k] = *p++;
		buf[k] = 0;
		n = f[1] - 1 - f[0];
		sfmt(src, 32, "%.*s", (int)(n < 31 ? n : 31), f[0]);
		return 0;
	}
	return -1;
}

/* What find_mount() looks for, and where it puts what it found. */
struct mount_q { const char *type; char *buf, *src; };

static int mount_line(char *s, void *arg)
{
	struct mount_q *q = arg;

	return !parse_mounts(s, q->type, q->buf, q->src);
}

/* The same, reading (TCPRETRANS_ROOT)/proc/mounts line by line. */
static int find_mount(const char *type, char *buf, char src[32])
{
	char path[PATH_MAX];
	struct mount_q q = { type, buf, src };
	int r = each_line(pathf(path, "%s/proc/mounts", G.root), mount_line, &q);

	if (r < 0)
		die(errno == ENOENT ? "/proc is not mounted: mount -t proc proc "
		    "/proc" : "cannot read /proc/mounts:");
	return r ? 0 : -1;
}

static int is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* Mount fs at root-relative dir under our name, logging step. */
static int do_mount(const char *type, const char *dir, char *save, unsigned step)
{
	pathf(save, "%s%s", G.root, dir);
	if (mount(G.name, save, type, 0, NULL) < 0)
		return -1;
	G.done |= step;
	return 0;
}

/* A mount named "tcpretrans.*" is every run's to undo, whatever PID
 * namespace its mounter is in: whichever run ends last unmounts it, as
 * umount fails (EBUSY) while another run has files open under it. */
static void adopt(const char *src, const char *dir, char *save, unsigned step)
{
	if (strncmp(src, "tcpretrans.", 11))
		return;
	pathf(save, "%s%s", G.root, dir);
	G.done |= step;
	G.adopted |= step;
}

/* What teardown could not undo makes the exit status 1. */
#define unclean(...) (G.unclean = 1, warnx(__VA_ARGS__))

static void locate_tracefs(void);
#define TRACEFS_MAGIC 0x74726163
#define DEBUGFS_MAGIC 0x64626720

/* Find tracefs: mounted tracefs, debugfs/tracing, else mount one ourselves;
 * then hold it open (G.pin), so that no other run unmounts it under us. */
static void find_tracefs(void)
{
	struct statfs f;
	int tries = 3;

	do {     /* unmounted between /proc/mounts and the pin: look again */
		G.done &= ~G.adopted;        /* what it found is gone */
		G.adopted = 0;
		locate_tracefs();
		if (G.pin >= 0)
			close(G.pin);
		if ((G.pin = open(G.tdir, O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0)
			die("cannot open %s:", G.tdir);
	} while (!*G.root && !fstatfs(G.pin, &f) && f.f_type != TRACEFS_MAGIC
	    && f.f_type != DEBUGFS_MAGIC && --tries);
	if (!tries)
		die("%s is not a tracefs: it was unmounted as we started", G.tdir);
}

static void locate_tracefs(void)
{
	char m[PATH_MAX], p[PATH_MAX], src[32];
	int e;

	if (!find_mount("sysfs", m, src) && !memcmp(m, "/sys", 5))
		adopt(src, m, G.sys, S_SYSFS);
	if (!find_mount("tracefs", m, src)) {
		pathf(G.tdir, "%s%s", G.root, m);
		adopt(src, m, G.mnt, S_TRACEFS);
		return;
	}
	if (!find_mount("debugfs", m, src) && is_dir(pathf(p, "%s%s/tracing",
	    G.root, m))) {
		pathf(G.tdir, "%s%s/tracing", G.root, m);
		adopt(src, m, G.mnt, S_DEBUGFS);
		return;
	}
	if (*G.root)        /* a fake root must never get a real mount */
		die("no tracefs or debugfs in the fake root's /proc/mounts "
		    "(TCPRETRANS_ROOT mounts nothing)");
	if (!is_dir(pathf(p, "%s/sys/kernel", G.root))
	    && find_mount("sysfs", m, src) < 0
	    && do_mount("sysfs", "/sys", G.sys, S_SYSFS) < 0)
		die("cannot mount sysfs on /sys:");
	if (!do_mount("tracefs", "/sys/kernel/tracing", G.mnt, S_TRACEFS)) {
		sfmt(G.tdir, PATH_MAX, "%s", G.mnt);
		return;
	}
	e = errno;
	if (!do_mount("debugfs", "/sys/kernel/debug", G.mnt, S_DEBUGFS)) {
		pathf(G.tdir, "%s/tracing", G.mnt);
		if (is_dir(G.tdir))
			return;
		die("debugfs has no tracing/: kernel built without CONFIG_FTRACE");
	}
	errno = e;
	die(e == ENODEV ? "no tracefs or debugfs in this kernel: build it with "
	    "CONFIG_FTRACE and CONFIG_DEBUG_FS" : "cannot mount tracefs on "
	    "/sys/kernel/tracing:");
}

/* umount(2), but only say it under TCPRETRANS_ROOT, which mounts nothing. */
static int unmount(const char *path)
{
	if (!*G.root)
		return umount(path);
	warnx("not unmounting %s (TCPRETRANS_ROOT)", path + strlen(G.root));
	return 0;
}

/* Remove one of our kprobes by name: "-:tcpretrans_PID/EVENT". */
static int kprobe_del(const char *group, const char *event)
{
	char path[PATH_MAX], line[96];

	sfmt(line, sizeof line, "-:%s/%s\n", group, event);
	return put(pathf(path, "%s/kprobe_events", G.tdir), line, O_APPEND);
}

/* Undo the setup log backwards; safe to run twice, warns and goes on.
 * trace_pipe stays open until the events are off, and tracefs pinned until
 * our own items are gone, so that another run starting meanwhile cannot
 * unmount it. Once trace_pipe is closed that run may take our (disabled)
 * instance and probes for a killed run's leftovers: ENOENT is fine. */
static void teardown(void)
{
	static const struct { unsigned step; const char *ev; } en[] = {
		{ S_EN_CONG, "%s/events/tcp/tcp_cong_state_set/enable%.0s" },
		{ S_EN_TLP, "%s/events/%s/tlp/enable" },
		{ S_EN_KP, "%s/events/%s/retransmit/enable" },
		{ S_EN_SYNACK, "%s/events/tcp/tcp_retransmit_synack/enable%.0s" },
		{ S_EN_SKB, "%s/events/tcp/tcp_retransmit_skb/enable%.0s" },
	};
	char p[PATH_MAX];
	size_t i;

	for (i = 0; i < sizeof en / sizeof *en; i++)
		if (G.done & en[i].step) {
			G.done &= ~en[i].step;
			sfmt(p, sizeof p, en[i].ev, G.inst, G.group);
			if (put(p, "0", O_TRUNC) < 0)
				unclean("cannot disable %s:", p + strlen(G.tdir) + 1);
		}
	if (G.tfd >= 0 && !G.replay)
		close(G.tfd);
	G.tfd = -1;
	if (G.done & S_INSTANCE && (G.done &= ~S_INSTANCE, rmdir(G.inst) < 0)
	    && errno != ENOENT)
		/* a fake root's instance is a plain directory: not a leftover */
		*G.root ? warnx("cannot remove %s:", G.inst + strlen(G.tdir) + 1)
		    : unclean("cannot remove %s:", G.inst + strlen(G.tdir) + 1);
	if (G.done & S_KP_TLP && (G.done &= ~S_KP_TLP, kprobe_del(G.group, "tlp"))
	    && errno != ENOENT)
		unclean("cannot remove kprobe %s/tlp:", G.group);
	if (G.done & S_KP_RETRANS && (G.done &= ~S_KP_RETRANS,
	    kprobe_del(G.group, "retransmit")) && errno != ENOENT)
		unclean("cannot remove kprobe %s/retransmit:", G.group);
	if (G.pin >= 0)
		close(G.pin);
	G.pin = -1;
	if (G.done & S_DEBUGFS) {
		G.done &= ~S_DEBUGFS;
		if (!*G.root)
			umount(pathf(p, "%s/tracing", G.mnt));  /* automount */
		if (unmount(G.mnt) < 0 && !(errno == EBUSY && G.adopted & S_DEBUGFS))
			unclean("cannot unmount %s:", G.mnt);
	}
	/* EBUSY on what another run mounted: that run unmounts it at its end */
	if (G.done & S_TRACEFS && (G.done &= ~S_TRACEFS, unmount(G.mnt) < 0)
	    && !(errno == EBUSY && G.adopted & S_TRACEFS))
		warnx(errno == EBUSY ? "leaving %s mounted: another tracer uses it"
		    " (a tcpretrans using it unmounts it when it ends)" :
		    "cannot unmount %s:", G.mnt);
	if (G.done & S_SYSFS && (G.done &= ~S_SYSFS, unmount(G.sys) < 0)
	    && !(errno == EBUSY && G.adopted & S_SYSFS))
		unclean("cannot unmount %s:", G.sys);
}

/* The runs whose leftovers were removed (by their PIDs, each once), and
 * whether this pass over kprobe_events removed a probe. */
struct gone { long pid[PIDS_MAX]; int n, removed, more; };

static void note_gone(struct gone *g, long pid)
{
	int i;

	for (i = 0; i < g->n; i++)
		if (g->pid[i] == pid)
			return;
	if (g->n < PIDS_MAX)
		g->pid[g->n++] = pid;
	else
		g->more = 1;
}

/* Remove an instance "tcpretrans.*" whose run is gone. Liveness comes from
 * tracefs, not from our PID namespace's /proc: it refuses (EBUSY) to remove
 * an instance whose trace_pipe a live run has open. One made in the last two
 * seconds is a run starting (mkdir, then open). ENOTEMPTY is a fake root's
 * plain directory, which is kept the same way. */
static int instance_gone(const char *name, void *arg)
{
	char p[PATH_MAX];
	struct stat st;
	struct timespec now;

	clock_now(CLOCK_REALTIME, &now);
	if (strncmp(name, "tcpretrans.", 11) || lstat(pathf(p, "%s/instances/%s",
	    G.tdir, name), &st) || now.tv_sec - st.st_mtime < 2)
		return 0;
	if (!rmdir(p))
		note_gone(arg, atou(name + 11));
	else if (errno != EBUSY && errno != ENOTEMPTY)
		warnx("cannot remove leftover instances/%s:", name);
	return 0;
}

/* Remove a kprobe "p:tcpretrans_*" (a line of kprobe_events) whose run is
 * gone: its instance (same name, '.' for '_') is gone, and tracefs refuses
 * (EBUSY) to remove a probe that is enabled anywhere. */
static int kprobe_gone(char *s, void *arg)
{
	char p[PATH_MAX], *group = strchr(s, ':'), *event, *c;
	struct gone *g = arg;

	if (*s == '-' || !group || strncmp(++group, "tcpretrans_", 11)
	    || !(event = strchr(group, '/')))
		return 0;
	*event++ = 0;
	*strchrnul(event, ' ') = 0;
	pathf(p, "%s/instances/%s", G.tdir, group);
	for (c = p + strlen(p) - strlen(group); *c; c++)
		*c = *c == '_' ? '.' : *c;
	if (!access(p, F_OK))
		return 0;                  /* its run is live, or just starting */
	if (!kprobe_del(group, event)) {
		note_gone(g, atou(group + 11));
		g->removed = 1;
	} else if (errno != EBUSY && errno != ENOENT)
		warnx("cannot remove leftover kprobe %s/%s:", group, event);
	return 0;
}

/* Remove instances and kprobes left by runs that were killed (SIGKILL), in
 * any PID namespace sharing this tracefs. Removing a probe shifts the rest of
 * kprobe_events under the reader, so it is read again until a pass removes
 * nothing (a fake root's plain file never shrinks: one pass). */
static void clean_leftovers(void)
{
	char p[PATH_MAX];
	struct gone g = { .n = 0 };
	int i;

	each_entry(pathf(p, "%s/instances", G.tdir), instance_gone, &g);
	do {
		g.removed = 0;
		each_line(pathf(p, "%s/kprobe_events", G.tdir), kprobe_gone, &g);
	} while (g.removed && !*G.root);
	for (i = 0; i < g.n; i++)
		warnx("removed leftovers of killed run %ld", g.pid[i]);
	if (g.more)
		warnx("removed leftovers of more killed runs (over %d)", PIDS_MAX);
}

static int has_line(char *s, void *what)
{
	return sfind(s, what) != NULL;
}

/* Does tracefs's README list this (e.g. "$arg<N>", kprobe fetchargs 4.20+)? */
static int readme_has(const char *what)
{
	char p[PATH_MAX];

	return each_line(pathf(p, "%s/README", G.tdir), has_line, (void *)what) > 0;
}

/* The register holding the first argument, by the running kernel's machine
 * (a 32-bit binary under a linux32 personality asks without it), else $arg1
 * where the kernel has it; NULL if neither. The machine's name tells the
 * kernel's pointer size too (G.kptr). */
static const char *arg1_reg(void)
{
	static const char t[] =          /* machine (a prefix), register */
	    "x86_64 %di\0aarch64 %x0\0arm %r0\0riscv %a0\0ppc %gpr3\0s390 %r2\0"
	    "mips %r4\0loongarch %r4\0i386 %ax\0i486 %ax\0i586 %ax\0i686 %ax\0";
	struct utsname u;
	int old = personality(0xffffffff), bad;
	const char *m, *r;

	if (old != -1 && (old & PER_MASK) == PER_LINUX32)
		personality((old & ~PER_MASK) | PER_LINUX);
	bad = uname(&u);
	if (old != -1 && (old & PER_MASK) == PER_LINUX32)
		personality(old);
	G.kptr = bad ? sizeof(long) : sfind(u.machine, "64") || u.machine[4] == 'x'
	    ? 8 : 4;                                            /* x: s390x */
	for (m = t; !bad && *m; m = r + strlen(r) + 1) {
		r = strchr(m, ' ') + 1;
		if (!strncmp(u.machine, m, r - 1 - m))
			return r;
	}
	return readme_has("$arg<N>") ? "$arg1" : NULL;
}

/* error_log keeps a fixed number of entries, so a full one stops growing:
 * our entry is found by content, the "error:" line above a "Command:" line
 * that starts with our command (its probe name is unique to this run). */
struct errlog_q { const char *cmd; char last[160], why[160]; };

static int errlog_line(char *s, void *arg)
{
	struct errlog_q *q = arg;
	char *e = sfind(s, "error:"), *c = sfind(s, "Command: ");

	if (e)
		sfmt(q->last, sizeof q->last, "%s", e);
	else if (c && !strncmp(c + 9, q->cmd, strlen(q->cmd)))
		sfmt(q->why, sizeof q->why, "%s", q->last);
	return 0;
}

/* The error_log line explaining why the kernel refused command, or NULL. */
static const char *errlog_why(const char *cmd)
{
	char p[PATH_MAX];
	static struct errlog_q q;

	q.cmd = cmd, q.last[0] = q.why[0] = 0;
	each_line(pathf(p, "%s/error_log", G.tdir), errlog_line, &q);
	return q.why[0] ? q.why : NULL;
}

/* Add one kprobe ("retransmit" or "tlp") on func in append mode. The IPv6
 * addresses (v6_*) are at a in struct sock_common: after 24 bytes, two
 * pointers (skc_bind_node), one (skc_prot) and one more with CONFIG_NET_NS
 * (skc_net; /proc/self/ns/net is there only with it): mainline since 3.13
 * (6.1, 6.12 and 6.18 read in their BTF). A kernel that differs is never
 * proven (diag_ask): its IPv6 events are looked up in the tables. dev is
 * skc_bound_dev_if, an int after 20 bytes of fixed-size fields on every
 * machine: inet_diag finds a socket bound to a device (SO_BINDTODEVICE, VRF,
 * IPv6 link-local) only when asked with it. */
static void kprobe_add(const char *event, const char *func, unsigned step)
{
	char p[PATH_MAX], line[512];
	const char *r = G.reg, *why;
	int e, a = 24 + G.kptr * (3 + !!link_inode(pathf(p, "%s/proc/self/ns/net",
	    G.root), "net"));

	sfmt(line, sizeof line, "p:%s/%s %s sk=%s daddr=+0(%s):u32 "
	    "saddr=+4(%s):u32 dport=+12(%s):u16 sport=+14(%s):u16 "
	    "family=+16(%s):u16 state=+18(%s):u8 le=+16(%s):u8 v6_0=+%d(%s):u64 "
	    "v6_1=+%d(%s):u64 v6_2=+%d(%s):u64 v6_3=+%d(%s):u64 dev=+20(%s):u32\n",
	    G.group, event, func, r, r, r, r, r, r, r, r, a, r, a + 8, r, a + 16, r,
	    a + 24, r, r);
	if (!put(pathf(p, "%s/kprobe_events", G.tdir), line, O_APPEND)) {
		G.done |= step;
		return;
	}
	e = errno;
	*strchrnul(line, ' ') = 0;             /* "p:GROUP/EVENT" */
	why = errlog_why(line);
	errno = e;
	if (errno == ENOENT || errno == EINVAL)
		die("cannot add kprobe on %s (not found or not probeable in "
		    "this kernel)%s%s: %s", func, why ? "; error_log: " : "",
		    why ? why : "", errstr(errno));
	die("cannot add kprobe on %s: write kprobe_events:", func);
}

/* Enable one event in our instance, logging the step. */
static void enable(const char *sysname, const char *event, unsigned step)
{
	char p[PATH_MAX];

	if (put(pathf(p, "%s/events/%s/%s/enable", G.inst, sysname, event), "1",
	    O_TRUNC) < 0)
		die("cannot enable %s:%s in instance %s:", sysname, event,
		    G.inst + strlen(G.tdir) + 1);
	G.done |= step;
}

/* What an event's filter may use; F_ERR_ONLY: the err part alone. */
enum { F_KP = 1, F_FAM = 2, F_ERR = 4, F_ERR_ONLY = 8 };

/* Can -H go into a kprobe filter? Only IPv4 addresses (saddr, daddr). */
static int filter_v4(void)
{
	int i;

	for (i = 0; i < G.nhosts; i++)
		if (!is_mapped(G.hosts[i]))
			return 0;
	return 1;
}

/* An ftrace filter from -4/-6, -P, -H (kprobe, IPv4) and err (the attempts
 * RetransSegs counts); "" if none. */
static void build_filter(char *b, int how)
{
	size_t n = 0;
	unsigned w;
	int i;
#define ADD(...) (n += sfmt(b + n, FILTER_MAX - n, __VA_ARGS__))
#define OR(i) ((i) ? " || " : n ? " && (" : "(")

	b[0] = 0;
	for (i = 0; how & (F_ERR | F_ERR_ONLY) && i < (int)sizeof early_err; i++)
		ADD("%serr != -%d", i ? " && " : "", early_err[i]);
	if (!FEATURE_FILTER || how & F_ERR_ONLY)
		return;
	if (G.fam && how & (F_KP | F_FAM))
		ADD("%sfamily == %d", n ? " && " : "", G.fam == 4 ? AF_INET : AF_INET6);
	for (i = 0; i < G.nports; i++)     /* the kprobe's dport: network order */
		ADD("%ssport == %u || dport == %u", OR(i), G.ports[i],
		    how & F_KP ? ntohs(G.ports[i]) : G.ports[i]);
	if (G.nports)
		ADD(")");
	for (i = 0; how & F_KP && filter_v4() && i < G.nhosts; i++) {
		memcpy(&w, G.hosts[i] + 12, 4);
		ADD("%ssaddr == %u || daddr == %u", OR(i), w, w);
	}
	if (how & F_KP && G.nhosts && filter_v4())
		ADD(")");
#undef OR
#undef ADD
}

/* Set an event's filter in our instance; what the kernel refuses is left to
 * user space (wanted()), which filters every event anyway. */
static void set_filter(const char *sysname, const char *event, int how)
{
	char p[PATH_MAX], f[FILTER_MAX];
	static int said;

	build_filter(f, how);
	if (!*f || !put(pathf(p, "%s/events/%s/%s/filter", G.inst, sysname, event),
	    f, O_TRUNC))
		return;
	if (FIRST(said))
		warnx("the kernel refused the filter '%s' on %s: filtering in user "
		    "space", f, event);
	if (how & F_ERR) {
		build_filter(f, F_ERR_ONLY);
		put(p, f, O_TRUNC);
	}
}

/* Milliseconds of CLOCK_MONOTONIC. */
static long long mono_ms(void)
{
	struct timespec t;

	clock_now(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

/* Mark the trace with the wall time now: when the marker comes back, its
 * timestamp gives every event's wall time (changing the instance's trace
 * clock instead would cost a buffer reset, ~30 ms). Redone every minute,
 * and at once when fmt_time() sees the clock move. */
static void clock_sync(void)
{
	char p[PATH_MAX];
	struct timespec t;
	long long o[2];

	if (*G.root)
		return;
	clock_offsets(o);
	if (clock_moved(G.sync_off, o))
		G.clock = CLK_NOW;   /* the last sync's offset is wrong now */
	memcpy(G.sync_off, o, sizeof o);
	clock_now(CLOCK_REALTIME, &t);
	G.sync_us = t.tv_sec * 1000000LL + t.tv_nsec / 1000;
	G.sync_ms = mono_ms();
	if (put(pathf(p, "%s/trace_marker", G.inst), "tcpretrans-sync", 0) < 0)
		G.sync_us = 0;       /* no marker: rows show the time they are read */
}

/* Our names: containers share one tracefs and their PIDs repeat, so the PID
 * goes with the inode of our PID namespace (0 if /proc cannot say): no two
 * live runs share both. */
static void make_names(void)
{
	char p[PATH_MAX];
	long pid = getpid();
	unsigned long long ns = link_inode(pathf(p, "%s/proc/self/ns/pid",
	    G.root), "pid");

	sfmt(G.name, sizeof G.name, "tcpretrans.%ld.%llu", pid, ns);
	sfmt(G.group, sizeof G.group, "tcpretrans_%ld_%llu", pid, ns);
}

/* Find tracefs and choose the path: tracepoint or kprobe. Returns whether
 * the tracepoint has a family field (5.16+). Not inlined: smaller. */
__attribute__((noinline))
static int choose_path(void)
{
	char p[PATH_MAX];
	int tp, kp, fam;

	if (!*G.root && geteuid() != 0)
		die("must be run as root: tracing needs CAP_SYS_ADMIN (try sudo)");
	make_names();
	find_tracefs();
	clean_leftovers();
	tp = slurp(pathf(p, "%s/events/tcp/tcp_retransmit_skb/format", G.tdir)) > 0;
	G.has_err = tp && sfind(G.file, "field:int err;") != NULL;
	fam = tp && sfind(G.file, " family;") != NULL;
	kp = !access(pathf(p, "%s/kprobe_events", G.tdir), F_OK);
	G.kprobe = G.opt_K || (!G.opt_T && !tp);
	if (G.opt_T && !tp)
		die("no tcp:tcp_retransmit_skb tracepoint (Linux 4.15+): drop -T "
		    "to use the kprobe path");
	if (!tp && !kp)
		die("no tcp:tcp_retransmit_skb tracepoint (Linux 4.15+) and no "
		    "kprobe_events (CONFIG_KPROBE_EVENTS): nothing to trace with");
	if ((G.kprobe || G.opt_l) && !kp)
		die("kprobe_events missing: kernel built without "
		    "CONFIG_KPROBE_EVENTS (-K and -l need it; run without them to "
		    "use the tracepoint)");
	if (FEATURE_FAILED && G.opt_e && (G.kprobe || !G.has_err))
		warnx("-e: %s cannot tell failed attempts apart (the tracepoint's "
		    "err field came in Linux 6.17)", G.kprobe ? "the kprobe path"
		    : "this kernel");
	G.kphex = kernel_version() < 4009;
	if (G.kprobe || G.opt_l)
		if (!(G.reg = arg1_reg()))
			die("no first-argument register known for this machine and no "
			    "$argN in this kernel's kprobes: use the tracepoint (-T)");
	return fam;
}

/* Create our instance and open its trace_pipe at once (an open trace_pipe
 * is what tells other runs it is live), then set its options and buffer. */
static void make_instance(void)
{
	/* A new instance copies the top-level options: set each one the line
	 * parser relies on ("0raw" is raw off, "s": as -s says); a kernel
	 * without one skips it. */
	static const char opts[] = "0raw\0" "0hex\0" "0bin\0" "0latency-format\0"
	    "1context-info\0" "0sym-offset\0" "0sym-addr\0" "0userstacktrace\0"
	    "0record-tgid\0" "0fields\0" "1hash-ptr\0" "1markers\0" "sstacktrace\0"
	    "1overwrite\0";           /* else lost events get no LOST line */
	char p[PATH_MAX], kb[24], *x, v[2] = "0";
	const char *o;
	struct stat st;
	int try;

	pathf(G.inst, "%s/instances/%s", G.tdir, G.name);
	/* Never an instance that exists: it is another run's (a fake root's is
	 * made by its test, as plain directories grow no tracefs files; a
	 * symlink planted there is refused). A run starting in the same instant
	 * may still take ours for a leftover (ENOENT, ENODEV): make it again. */
	for (try = 1; ; try++) {
		if ((!seam_ok(G.inst) || mkdir(G.inst, 0700) < 0) && (errno != EEXIST
		    || !*G.root || lstat(G.inst, &st) || !S_ISDIR(st.st_mode)))
			die("cannot create instance %s:", G.inst + strlen(G.tdir) + 1);
		G.done |= S_INSTANCE;
		if ((G.tfd = open(pathf(p, "%s/trace_pipe", G.inst), O_RDONLY
		    | O_CLOEXEC | nofollow())) >= 0)
			break;
		if (try == 3 || (errno != ENOENT && errno != ENODEV))
			die("cannot open %s:", p);
	}
	if (*G.root)                /* the test seam: trace time 0 is the Epoch */
		G.clock = CLK_TRACE;
	for (o = opts; *o; o += strlen(o) + 1) {
		v[0] = o[0] == 's' ? '0' + G.opt_s : o[0];
		if (put(pathf(p, "%s/options/%s", G.inst, o + 1), v, O_TRUNC) < 0
		    && errno != ENOENT)
			die("cannot set options/%s to %s in the instance:", o + 1, v);
	}
	if (G.bufkb) {
		sfmt(kb, sizeof kb, "%lu", G.bufkb);
		if (put(pathf(p, "%s/buffer_size_kb", G.inst), kb, O_TRUNC) < 0)
			die("cannot set the instance's buffer to %lu KiB per CPU:", G.bufkb);
	} else if (slurp(pathf(p, "%s/buffer_size_kb", G.inst)) > 0) {
		x = sfind(G.file, "expanded: ");      /* "7 (expanded: 1408)" */
		G.bufkb = atou(x ? x + 10 : G.file);
	}
}

/* -w: a stack under each retransmit event: a trigger on it alone (the
 * option would put one under every event, tcp_cong_state_set's too), removed
 * with the instance; else the option. The trigger has the event's filter
 * (how) as its condition: a trigger without one runs before the event is
 * written, and one runs for events the filter drops too. Then follow each
 * socket's congestion state (5.19+), which tells FAST from LOSS; without it
 * those rows say ACK. Filtered by port only: its family field came later,
 * and other flows' states are never looked up. */
static void arm_why(int how)
{
	char p[PATH_MAX], t[FILTER_MAX + 16];

	build_filter(p, how);
	sfmt(t, sizeof t, "stacktrace if %s", *p ? p : "sport >= 0");
	if (!G.opt_s && put(pathf(p, "%s/events/%s/%s/trigger", G.inst, G.kprobe
	    ? G.group : "tcp", G.kprobe ? "retransmit" : "tcp_retransmit_skb"),
	    t, O_TRUNC) < 0 && put(pathf(p, "%s/options/stacktrace", G.inst), "1",
	    O_TRUNC) < 0)
		die("-w: cannot record stacks (no trigger, no options/stacktrace):");
	if (access(pathf(p, "%s/events/tcp/tcp_cong_state_set", G.inst), F_OK)) {
		warnx("-w: no tcp:tcp_cong_state_set (Linux 5.19+): FAST and LOSS "
		    "rows say ACK");
		return;
	}
	set_filter("tcp", "tcp_cong_state_set", 0);
	enable("tcp", "tcp_cong_state_set", S_EN_CONG);
}

/* Add the probes, set the filters, enable the events. */
static void arm_events(int fam)
{
	char p[PATH_MAX];
	int how;

	if (G.kprobe)
		kprobe_add("retransmit", "tcp_retransmit_skb", S_KP_RETRANS);
	if (G.opt_l)
		kprobe_add("tlp", "tcp_send_loss_probe", S_KP_TLP);
	if (FEATURE_FILTER && G.nhosts && !(G.kprobe && filter_v4()))
		warnx("-H is applied in user space here (the kernel cannot filter "
		    "%s)", G.kprobe ? "IPv6 addresses" : "the tracepoints' address arrays");
	how = G.kprobe ? F_KP : (fam ? F_FAM : 0) | (G.has_err && !G.opt_e ? F_ERR : 0);
	if (FEATURE_CAUSES && G.opt_w)
		arm_why(how);
	if (G.kprobe) {
		set_filter(G.group, "retransmit", how);
		enable(G.group, "retransmit", S_EN_KP);
	} else {
		set_filter("tcp", "tcp_retransmit_skb", how);
		enable("tcp", "tcp_retransmit_skb", S_EN_SKB);
		fam = slurp(pathf(p, "%s/events/tcp/tcp_retransmit_synack/format",
		    G.tdir)) > 0 && sfind(G.file, " family;") != NULL;
		if (!access(pathf(p, "%s/events/tcp/tcp_retransmit_synack",
		    G.inst), F_OK)) {
			set_filter("tcp", "tcp_retransmit_synack", fam ? F_FAM : 0);
			enable("tcp", "tcp_retransmit_synack", S_EN_SYNACK);
		}
	}
	if (G.opt_l) {
		set_filter(G.group, "tlp", F_KP);
		enable(G.group, "tlp", S_EN_TLP);
	}
	clock_sync();
}

/* Set everything up, in the order teardown() undoes it backwards. */
static void setup(void)
{
	int fam = choose_path();

	make_instance();
	arm_events(fam);
}

/* ---- event loop -------------------------------------------------------- */

/* Signals that only stop the run, which then exits 0: the ways to end it. */
#define STOP_SIGS (1u << SIGINT | 1u << SIGTERM | 1u << SIGHUP | 1u << SIGQUIT)
/* Crashes: faults, abort(), SIGSYS, SIGTRAP; never blocked. */
#define CRASH_SIGS (1u << SIGSEGV | 1u << SIGBUS | 1u << SIGFPE | 1u << SIGILL \
    | 1u << SIGABRT | 1u << SIGSYS | 1u << SIGTRAP)
/* Not caught: default not to terminate, cannot be caught, or ignored (a
 * closed reader is an EPIPE). */
#define KEEP_SIGS (1u << SIGCHLD | 1u << SIGCONT | 1u << SIGSTOP | 1u << SIGTSTP \
    | 1u << SIGTTIN | 1u << SIGTTOU | 1u << SIGURG | 1u << SIGWINCH \
    | 1u << SIGKILL | 1u << SIGPIPE)
/* Asked to end: handled even when ignored at the start, as a script's
 * background job has INT and QUIT ignored (nohup's HUP stays ignored). */
#define ASK_SIGS (1u << SIGINT | 1u << SIGTERM | 1u << SIGQUIT)
#define IN(set, sig) ((sig) < 32 && (set) >> (sig) & 1)

/* Any other terminating signal: stop; main() undoes the setup and exits,
 * or dies of the signal after the cleanup. Blocked but in ppoll(). */
static void on_signal(int sig)
{
	G.stop = sig;
}

/* A crash: undo the setup log with plain system calls (teardown() and
 * warnx() use open, write, close, rmdir, umount, our own formatting and
 * musl's table-only strerror: nothing that locks or allocates), then die of
 * the same signal (SA_RESETHAND made it SIG_DFL, SA_NODEFER lets it in). */
static void on_crash(int sig)
{
	G.stop = sig;          /* warnings do not wait for a stuck stderr */
	teardown();
	kill(getpid(), sig);   /* raise(3), without its 190 bytes of libc */
}

/* The kernel's sigaction: musl refuses signals 32-34 (its own: timers,
 * cancellation), which a single-threaded program never gets but from kill,
 * and which end it all the same (bash's kill -RTMIN is 34). The struct's
 * layout differs by machine; it is only copied, or all zero (SIG_DFL). */
static void raw_sigaction(int sig, const void *act, void *old)
{
	syscall(SYS_rt_sigaction, sig, act, old, _NSIG / 8);
}

/* sigaddset without musl's refusal of 32-34: the kernel's bit layout. */
static void sig_add(sigset_t *s, int sig)
{
	unsigned long *w = (unsigned long *)s;

	w[(sig - 1) / (8 * sizeof *w)] |= 1UL << (sig - 1) % (8 * sizeof *w);
}

/* *a += b, stopping at the top: loss counts must never wrap to small. */
static unsigned long long sat_add(unsigned long long *a, unsigned long long b)
{
	return *a = *a + b < b ? ULLONG_MAX : *a + b;
}

/* Decode the lines now in the reader into the batch, printing when full.
 * Not inlined: in main() with the decoder it made i386 416 bytes bigger. */
__attribute__((noinline))
static void take_lines(struct lines *l)
{
	char *s;
	size_t n;

	while ((s = nextline(l, &n))) {
		struct item *it = &G.batch[G.nbatch];
		int k = parse_trace_line_br(s, n, G.kphex | (G.replay ? KP_REPLAY : 0),
		    &it->ev, l->br, G.seen);

		G.lineno = l->nlines;
		if (k == PL_LOST)
			sat_add(&G.lost, it->ev.lost), sat_add(&G.lost_new, it->ev.lost),
			G.lost_unk += !it->ev.lost;
		else if (k == PL_SYNC && G.sync_us && !G.replay) {
			G.clock_off = G.sync_us - ((long long)it->ev.sec * 1000000 + it->ev.usec);
			G.clock = CLK_TRACE, G.sync_us = 0;
		}
		else if (k == PL_OTHER)
			G.other++;
		else if (k == PL_BAD && !G.bad++) {
			G.badline = G.lineno;
			if (!G.replay)         /* now, not only at the end */
				warnx("trace line %lu not understood: %.80s", G.lineno, s);
		}
		if (k != PL_EVENT && k != PL_STACK && k != PL_HEAD && k != PL_LOST
		    && !(it->ev.cpu && (k == PL_OTHER || k == PL_BAD)))
			continue;
		it->kind = k == PL_BAD ? PL_OTHER : k;  /* of a CPU: its stack goes */
		it->line = s, it->len = n;
		if (++G.nbatch == BATCH_MAX) {
			lookup_batch();
			print_batch();
			if (!G.replay)
				flush_out();
		}
	}
}

/* Read, decode, resolve and print until the input ends or we are told to. */
static void trace_loop(void)
{
	struct lines l = { .fd = G.tfd, .buf = G.rd, .cutlast = 1,
	    .cap = G.replay ? sizeof G.rd : RD_MAX + 1 };
	struct pollfd pf[2] = { { G.tfd, POLLIN, 0 }, { 1, 0, 0 } };
	struct stat st;
	struct timespec to;
	int npf = !fstat(1, &st) && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))
	    ? 2 : 1, r;
	long long now = mono_ms(), end = G.end,
	    tick = FEATURE_COUNT && FEATURE_INTERVAL && G.interval ? now + G.interval * 1000LL : 0, next;
	ssize_t n;

	while (!G.stop && !G.out_gone) {
		long long idle;

		now = mono_ms();
		if (end && now >= end)
			break;                   /* -d SECONDS */
		if (tick && now >= tick) {
			print_flows();           /* -i SECONDS; after a stall, one */
			tick += G.interval * 1000LL;
			if (tick <= now)
				tick = now + G.interval * 1000LL;
			continue;
		}
		next = end && (!tick || end < tick) ? end : tick;
		if ((idle = diag_idle(now)) && (!next || idle < next))
			next = idle;
		if (G.nheld && (!next || next > now + IDLE_MS))
			next = now + IDLE_MS;    /* does the last stack go on? */
		to.tv_sec = (next - now) / 1000, to.tv_nsec = (next - now) % 1000 * 1000000;
		if ((r = ppoll(pf, npf, next ? &to : NULL, &G.mask)) < 0) {
			if (errno == EINTR)
				continue;
			die("poll:");
		}
		if (r == 0 && G.nheld) {
			held_end();              /* idle: the stacks have ended */
			if (G.opt_n && G.nshown >= G.opt_n)
				break;
		}
		if (r > 0) {
			/* ppoll() lets a pending signal in only when it has to
			 * wait: with input always ready (a storm, a big -r
			 * file) it never would. Let it in here. */
			sigset_t cur;
			sigprocmask(SIG_SETMASK, &G.mask, &cur);
			sigprocmask(SIG_SETMASK, &cur, NULL);
		}
		if (r == 0 || G.stop)
			continue;
		if (npf == 2 && pf[1].revents)
			break;                   /* the reader of stdout is gone */
		if (!pf[0].revents)
			continue;
		if ((n = refill(&l)) < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			die("read %s:", G.replay ? "input" : "trace_pipe");
		}
		take_lines(&l);
		lookup_batch();
		print_batch();
		flush_out();     /* held events wait: their stacks may go on */
		if (!G.replay && mono_ms() - G.sync_ms >= 60000)
			clock_sync();
		if (G.lost_new && !G.replay)
			warnx("%llu events lost: the trace buffer was full; try -b %lu",
			    G.lost_new, G.bufkb ? 4 * G.bufkb : 4096);
		G.lost_new = 0;
		if (n == 0)
			break;
	}
	held_end();
	if (l.cut && (!G.badline || l.firstcut < G.badline))
		G.badline = l.firstcut;         /* cut lines count as not understood */
	G.bad += l.cut;
}

/* Events the kernel could not keep for us: per-CPU overrun and dropped. */
static unsigned long long count_lost(void)
{
	char p[PATH_MAX], *s;
	unsigned long long sum = 0;
	int cpu;

	for (cpu = 0; slurp(pathf(p, "%s/per_cpu/cpu%d/stats", G.inst, cpu)) >= 0; cpu++)
		for (s = G.file; *s; s++)
			if (!strncmp(s, "overrun: ", 9) || !strncmp(s, "dropped events: ", 16))
				sum += atou(strchr(s, ':') + 2);
	return sum;
}

/* The plural ending for n things. Not inlined: with five callers, smaller. */
__attribute__((noinline))
static const char *plural(unsigned long long n)
{
	return n == 1 ? "" : "s";
}

/* Say once, at the end, what could not be shown. */
static void report(void)
{
	unsigned long long n = sat_add(&G.lost, G.lost_unk); /* uncounted: 1+ */

	if (n && G.replay)
		warnx("%s%llu event%s lost when the trace was taken", G.lost_unk ?
		    "at least " : "", n, plural(n));
	else if (n)
		warnx("%llu event%s lost in all; try -b %lu", n, plural(n),
		    G.bufkb ? 4 * G.bufkb : 4096);
	if (G.bad)
		warnx("%lu line%s not understood (first: line %lu)", G.bad,
		    plural(G.bad), G.badline);
	if (G.unwritten)
		warnx("%llu byte%s of output not written: stdout was not being read",
		    G.unwritten, plural(G.unwritten));
	if (G.other && G.replay)
		warnx("%lu line%s of other events ignored", G.other,
		    plural(G.other));
}

/* ---- usage and main ---------------------------------------------------- */

/* Bad usage: say why, show the synopsis, exit 2. */
#define misuse(...) (warnx(__VA_ARGS__), usage(2))

/* A decimal whole number from 1 to max for option c, else exit 2. */
static unsigned long optnum(int c, const char *v, unsigned long max)
{
	unsigned long long x;

	if ((v[0] == '0' && (v[1] | 32) == 'x') || parse_num(v, strlen(v), 0, &x)
	    || x < 1 || x > max)         /* decimal: not parse_num()'s 0x hex */
		misuse("-%c: '%s' is not a whole number from 1 to %lu", c, v, max);
	return x;
}

/* getopt(3) as POSIX has it ("-ab", "-bVALUE", "-b VALUE", "--" ends the
 * options), with no messages: libc's brings in stdio to print them (2 KB).
 * Returns the option, ':' (a value missing) or '?' (unknown) with *o the
 * option character, -1 at the first operand, argv[opt_ind]; *v is an
 * option's value. */
static int opt_ind = 1, opt_pos = 1;      /* argv[opt_ind][opt_pos] next */
static int next_opt(int argc, char **argv, const char *spec, int *o, char **v)
{
	int i = opt_ind;
	const char *a = i < argc ? argv[i] : NULL, *s;

	if (!a || a[0] != '-' || !a[1] || (a[1] == '-' && !a[2] && ++opt_ind))
		return -1;
	*o = (unsigned char)a[opt_pos++];
	s = *o == ':' ? NULL : strchr(spec, *o);
	if (s && s[1] == ':') {
		*v = a[opt_pos] ? (char *)a + opt_pos : ++i < argc ? argv[i] : NULL;
		opt_pos = 1;
		opt_ind = i + 1;
		return *v ? *o : ':';
	}
	if (!a[opt_pos])
		opt_ind++, opt_pos = 1;
	return s ? *o : '?';
}

/* Options into G; returns the -r FILE or NULL. Bad usage exits 2. */
static const char *parse_args(int argc, char **argv)
{
	static const char flags[] = "lsKTcjtewp";      /* options that set */
	static int *const flag[] = { &G.opt_l, &G.opt_s, &G.opt_K, &G.opt_T,
	    &G.opt_c, &G.opt_j, &G.opt_t, &G.opt_e, &G.opt_w, &G.opt_p };
	const char *file = NULL, *f;
	char *optarg = NULL;
	int c, optopt;

	while ((c = next_opt(argc, argv, "hlsKTcjtewp46i:d:n:b:P:H:r:", &optopt,
	    &optarg)) != -1) {
		if (not_built(c))
			misuse("-%c: not in this build", c);
		if ((f = strchr(flags, c))) {   /* c is never 0: no match on the NUL */
			*flag[f - flags] = 1;
			continue;
		}
		switch (c) {
		case 'h': usage(0);
		case '4': case '6':
			if (G.fam && G.fam != c - '0')
				misuse("-4 and -6 exclude each other");
			G.fam = c - '0';
			break;
		case 'i': G.interval = optnum(c, optarg, 86400); break;
		case 'd': G.duration = optnum(c, optarg, 31536000); break;
		case 'n': G.opt_n = optnum(c, optarg, 2147483647); break;
		case 'b': G.bufkb = optnum(c, optarg, 4194304); break;
		case 'P':
			if (G.nports == FILT_MAX)
				misuse("-P: at most %d ports", FILT_MAX);
			G.ports[G.nports++] = optnum(c, optarg, 65535);
			break;
		case 'H':
			if (G.nhosts == FILT_MAX)
				misuse("-H: at most %d addresses", FILT_MAX);
			if (parse_addr(optarg, strlen(optarg), G.hosts[G.nhosts++]))
				misuse("-H: '%s' is not an IPv4 or IPv6 address", optarg);
			break;
		case 'r': file = optarg; break;
		case ':': misuse("option -%c needs a value", optopt);
		default: misuse("unknown option -%c", optopt);
		}
	}
	if (opt_ind < argc)
		misuse("unexpected argument: %s", argv[opt_ind]);
	if (G.opt_K && G.opt_T)
		misuse("-K and -T exclude each other");
	if (FEATURE_OWNERS && G.opt_p && file)
		misuse("-p needs live tracing: a saved trace has no owners to find");
	if (FEATURE_COUNT && G.interval && !G.opt_c)
		misuse("-i goes with -c");
	if (FEATURE_COUNT && G.opt_c && (G.opt_p || G.opt_s))
		misuse("-c has no owners or stacks: not with -p, -s");
	if (file && (G.opt_K || G.opt_T || G.bufkb))
		misuse("-K, -T and -b are for live tracing, not -r");
	if (FEATURE_FILTER && G.fam == 4 && !filter_v4())
		misuse("-4: an IPv6 -H never matches");
	return file;
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	struct stat st;
	struct winsize ws;
	sigset_t block, crash;
	long kact[8] = { 0 };    /* a kernel sigaction, ample for any machine */
	const char *file = parse_args(argc, argv);
	int sig;

	G.root = env("TCPRETRANS_ROOT");
	if (!G.root)
		G.root = "";
	G.tfd = G.pin = -1;
	/* A closed fd 0-2 would be taken by trace_pipe or a tracefs file:
	 * output and warnings would go there, and teardown would miss it. */
	for (sig = 0; sig < 3; sig++)
		if (fstat(sig, &st) < 0 && open("/dev/null", O_RDWR) != sig)
			die("cannot open /dev/null for the closed fd %d:", sig);
	G.ofd = 1;               /* a private O_NONBLOCK stdout: see send_all() */
	/* not a pty master: reopening that makes a new pty nobody reads */
	if (!fstat(1, &st) && (S_ISFIFO(st.st_mode)     /* or a tty, as isatty() */
	    || !syscall(SYS_ioctl, 1, TIOCGWINSZ, &ws))
	    && syscall(SYS_ioctl, 1, TIOCGPTN, &sig) < 0
	    && (sig = open("/proc/self/fd/1", O_WRONLY | O_NONBLOCK | O_NOCTTY
	    | O_CLOEXEC)) >= 0)
		G.ofd = sig;     /* (setting O_NONBLOCK on fd 1 would change it for
		                  * every process sharing it, the shell included) */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);   /* signal(3): 136 bytes more of libc */
	sigemptyset(&block);
	sigemptyset(&crash);
	sigprocmask(SIG_BLOCK, &block, &G.mask);  /* what the parent blocked */
	for (sig = 1; sig < _NSIG; sig++) {
		if (IN(KEEP_SIGS, sig) || (!IN(CRASH_SIGS | ASK_SIGS, sig)
		    && !sigaction(sig, NULL, &sa) && sa.sa_handler == SIG_IGN))
			continue;        /* ignored by whoever started us: stays so */
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = IN(CRASH_SIGS, sig) ? on_crash : on_signal;
		sa.sa_flags = IN(CRASH_SIGS, sig) ? SA_RESETHAND | SA_NODEFER : 0;
		/* blocked here, let in to wait; crashes never blocked */
		sig_add(IN(CRASH_SIGS, sig) ? &crash : &block, sig);
		sigdelset(&G.mask, sig);
		sigaction(sig, &sa, NULL);   /* fails for 32-34: below */
	}
	raw_sigaction(SIGTERM, NULL, kact);  /* on_signal, as musl set it */
	for (sig = 32; sig < SIGRTMIN; sig++) {
		long was[8] = { 0 }, dfl[8] = { 0 };

		raw_sigaction(sig, NULL, was);   /* after exec: SIG_DFL is all */
		if (!memcmp(was, dfl, sizeof was))  /* zero; SIG_IGN stays */
			raw_sigaction(sig, kact, NULL);
	}
	sigprocmask(SIG_BLOCK, &block, NULL);
	sigprocmask(SIG_UNBLOCK, &crash, NULL);
	if (FEATURE_TZ)
		tz_load();
	if (file) {
		G.replay = 1;
		G.tfd = file[0] != '-' || file[1] ? open(file, O_RDONLY | O_CLOEXEC) : 0;
		if (G.tfd < 0)
			die("cannot open %s:", file);
	} else
		setup();
	G.end = G.duration ? mono_ms() + G.duration * 1000LL : 0;
	print_header();
	trace_loop();
	if (FEATURE_COUNT && G.opt_c)
		print_flows();
	if (!G.replay && G.done & S_INSTANCE) {
		unsigned long long k = count_lost();
		G.lost = k > G.lost ? k : G.lost;
	}
	teardown();
	report();
	if (G.stop > 0 && !IN(STOP_SIGS, G.stop)) {
		long dfl[8] = { 0 };         /* die of it, as without the cleanup */
		raw_sigaction(G.stop, dfl, NULL);
		sigprocmask(SIG_SETMASK, &G.mask, NULL);
		kill(getpid(), G.stop);   /* glibc's raise() refuses 32, 33 (ASan build) */
	}
	return G.unclean;
}
