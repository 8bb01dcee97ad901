/* libFuzzer target: a trace line through the parser and every formatter. */
#define main tcpretrans_main
#include "../../tcpretrans.c"
#undef main
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static char line[LINE_MAX_ + 1], row[OUT_MAX];
	static struct ends ends_keep[sizeof G.ends / sizeof *G.ends];
	size_t rl;
	struct event ev, ev2;
	char b[ADDR_MAX], t[TS_MAX];
	const char *br;
	int k;

	if (n == 0 || n > LINE_MAX_)
		return 0;
	memcpy(line, d + 1, n - 1);            /* first byte: hex or decimal */
	line[n - 1] = '\n';
	/* the reader's path (the '[' found with the '\n'; parse_tp()'s memo,
	 * holding earlier inputs' fields) and parse_trace_line() (parse_head()'s
	 * own search, no memo) must decode alike */
	if (find_nl(line, n, &br) != line + n - 1)
		br = NULL;                     /* a '\n' inside: not a line */
	line[n - 1] = 0;
	k = parse_trace_line_br(line, n - 1, d[0] & 1, &ev, br, G.seen);
	if (k != parse_trace_line(line, n - 1, d[0] & 1, &ev2)
	    || memcmp(&ev, &ev2, sizeof ev))
		__builtin_trap();
	if (k == PL_EVENT) {
		fmt_end(b, &ev, 0), fmt_end(b, &ev, 1);
		G.replay = 1, fmt_time(t, &ev);
		G.opt_j = d[0] & 2, G.opt_e = 1, G.opt_l = 1;
		/* the row with put_ends()'s memo as it is, and with none */
		G.outlen = 0;
		print_event(&ev, marker(&ev) ? marker(&ev) : "R>");
		memcpy(row, G.out, rl = G.outlen);
		memcpy(ends_keep, G.ends, sizeof G.ends);
		memset(G.ends, 0, sizeof G.ends), G.outlen = 0, G.open = 0;
		print_event(&ev, marker(&ev) ? marker(&ev) : "R>");
		if (G.outlen != rl || memcmp(row, G.out, rl))
			__builtin_trap();
		memcpy(G.ends, ends_keep, sizeof G.ends);
		print_stack(line, n - 1);
		flow_add(&ev);
		G.outlen = 0, G.open = G.stacked = 0;
		if (G.nflows == FLOWS_MAX)
			G.nflows = 0, memset(G.slot, 0, sizeof G.slot);
	}
	return 0;
}
