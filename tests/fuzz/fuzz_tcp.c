/* libFuzzer target: /proc/net/tcp{,6} rows, and the lookup rules on them. */
#define main tcpretrans_main
#include "../../tcpretrans.c"
#undef main
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static char line[LINE_MAX_ + 1];
	static struct item it;
	struct sockrow r;
	int k;

	if (n > LINE_MAX_)
		return 0;
	memcpy(line, d, n);
	line[n] = 0;
	if (parse_tcp_row(line, n, &r) == 0) {
		memset(&it, 0, sizeof it);
		it.kind = PL_EVENT, it.ev.lport = r.lport, it.ev.rport = r.rport;
		it.ev.sk = n & 1 ? r.sk : 0, it.ev.state = r.state;
		it.ev.skfrom = n & 2 ? PTR_REAL : PTR_HASHED;
		for (k = 0; k < 2; k++)
			match_add(&it.m, &r, lookup_row(&it.ev, &r,
			    n & 4 ? PTR_REAL : PTR_HASHED));
		lookup_apply(&it);
	}
	return 0;
}
