/* Fault status encodings: a struct mmu_fault becomes a DFSR/IFSR value in
 * the short-descriptor format (ARM DDI 0406C B3.13.3, Table B3-23) or the
 * long-descriptor format (B3.13.4, Table B3-24), or the six-bit status
 * code of HSR.DFSC/IFSC (B3.13.6). One place for every encoding. */
#include "mmu/mmu.h"

#define FSR_WNR (1u << 11)
#define FSR_EXT (1u << 12)
#define FSR_LPAE (1u << 9)

/* Short format FS[4:0] for a fault at lookup level 1 (section) or 2
 * (page). */
static unsigned short_fs(const struct mmu_fault *f)
{
	bool page = f->level >= 2;
	switch (f->type) {
	case FAULT_ALIGNMENT:
		return 0x01;
	case FAULT_DEBUG:
		return 0x02;
	case FAULT_ACCESS_FLAG:
		return page ? 0x06 : 0x03;
	case FAULT_TRANSLATION:
		return page ? 0x07 : 0x05;
	case FAULT_DOMAIN:
		return page ? 0x0b : 0x09;
	case FAULT_PERMISSION:
		return page ? 0x0f : 0x0d;
	case FAULT_EXTERNAL_WALK:
		return page ? 0x0e : 0x0c;
	case FAULT_ADDRESS_SIZE:
		/* No short-format encoding exists; it cannot arise from a
		 * short-descriptor regime. Reported as a section
		 * Translation fault if ever asked. */
		return 0x05;
	case FAULT_EXTERNAL:
	case FAULT_NONE:
	default:
		return 0x08; /* synchronous external abort, not on a walk */
	}
}

uint32_t mmu_fault_fsr_short(const struct mmu_fault *f, bool is_write)
{
	unsigned fs = short_fs(f);
	uint32_t v = (fs & 0xfu) | ((fs >> 4) & 1u) << 10;
	/* The Domain field is valid for faults that read a first-level
	 * descriptor with a domain (B3.13.3): hypsim reports the domain it
	 * knows (0 where none was read). */
	switch (f->type) {
	case FAULT_DOMAIN:
	case FAULT_PERMISSION:
	case FAULT_ACCESS_FLAG:
	case FAULT_TRANSLATION:
	case FAULT_EXTERNAL_WALK:
		v |= (f->domain & 0xfu) << 4;
		break;
	default:
		break;
	}
	if (is_write)
		v |= FSR_WNR;
	if (f->ea_ext)
		v |= FSR_EXT;
	return v;
}

uint32_t mmu_fault_fsc_long(const struct mmu_fault *f)
{
	unsigned ll = f->level & 3u;
	switch (f->type) {
	case FAULT_ADDRESS_SIZE:
		return 0x00 | ll;
	case FAULT_TRANSLATION:
		return 0x04 | ll;
	case FAULT_ACCESS_FLAG:
		return 0x08 | ll;
	case FAULT_PERMISSION:
		return 0x0c | ll;
	case FAULT_EXTERNAL_WALK:
		return 0x14 | ll;
	case FAULT_ALIGNMENT:
		return 0x21;
	case FAULT_DEBUG:
		return 0x22;
	case FAULT_DOMAIN:
		/* 0b1111LL: Domain fault, only for a short-descriptor
		 * stage 1 reported in HSR (B3.13.4 Table B3-24), LL = 01
		 * first level, 10 second level. */
		return 0x3c | (ll ? ll : 1u);
	case FAULT_EXTERNAL:
	case FAULT_NONE:
	default:
		return 0x10;
	}
}

uint32_t mmu_fault_fsr_long(const struct mmu_fault *f, bool is_write)
{
	uint32_t v = mmu_fault_fsc_long(f) | FSR_LPAE;
	if (is_write)
		v |= FSR_WNR;
	if (f->ea_ext)
		v |= FSR_EXT;
	return v;
}
