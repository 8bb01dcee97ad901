/* libFuzzer target: the /proc/mounts reader. */
#define main tcpretrans_main
#include "../../tcpretrans.c"
#undef main
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static char text[FILE_MAX + 1];
	char m[PATH_MAX], src[32];

	if (n > FILE_MAX)
		return 0;
	memcpy(text, d, n);
	text[n] = 0;
	parse_mounts(text, "tracefs", m, src);
	parse_mounts(text, "debugfs", m, src);
	return 0;
}
