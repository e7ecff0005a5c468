/* Runtime of the bare-board test images: ARM semihosting output and exit.
 * Semihosting is the A-profile trap: SVC 0x123456 (ARM) / SVC 0xAB (Thumb). */
#ifndef TEST_RT_H
#define TEST_RT_H

typedef unsigned int u32;
typedef int s32;
typedef unsigned long long u64;

void sh_writec(char c);
void sh_write0(const char *s);
void sh_exit(int code) __attribute__((noreturn));
void print_hex(u32 v);        /* 8 hex digits, no prefix */
void print_dec(s32 v);
void print_str(const char *s); /* = sh_write0 */
void print_nl(void);
/* "name=XXXXXXXX\n" */
void print_kv(const char *name, u32 v);

#endif
