/* Debugger memory access (see debug.h for the side-effect rules). */
#include "gdbstub/debug.h"
#include "mmu/bus.h"
#include "mmu/dcache_model.h"
#include "mmu/mmu.h"

/* A data read of the current mode: what a load by the core would
 * translate to (privileged or not as the mode is). mmu_translate_debug
 * uses the modelled TLB's entries, stale ones included, and walks on a
 * miss without filling anything. */
static bool translate_raw(struct cpu *cpu, uint32_t va, uint64_t *pa)
{
	struct mmu_result res;
	struct mmu_fault fault;
	if (!mmu_translate_debug(cpu, va, MMU_READ, &res, &fault))
		return false;
	*pa = res.pa;
	return true;
}

bool dbg_translate(struct cpu *cpu, uint32_t va, uint64_t *pa)
{
	return translate_raw(cpu, va, pa);
}

/* Host pointer to RAM at pa for up to *n bytes (shortened to what the
 * region holds), or NULL for a device or unmapped address. */
static bool ram_span(struct cpu *cpu, uint64_t pa, size_t *n)
{
	const struct bus_region *r = bus_find(cpu->bus, pa);
	if (!r || !r->host)
		return false;
	uint64_t left = r->size - (pa - r->base);
	if (*n > left)
		*n = (size_t)left;
	return true;
}

static size_t access(struct cpu *cpu, uint64_t addr, uint8_t *rbuf,
		     const uint8_t *wbuf, size_t len, enum dbg_view view)
{
	bool phys = view == DBG_VIEW_PHYS;
	size_t done = 0;
	while (done < len) {
		uint64_t pa;
		size_t chunk = len - done;
		if (phys) {
			pa = addr + done;
			if (pa > PA_MASK)
				break;
		} else {
			uint64_t va = addr + done;
			if (va > 0xffffffffu)
				break;
			/* Translation is per page: 4 KiB is the smallest,
			 * so no chunk crosses a page boundary. */
			size_t to_page = 0x1000 - (size_t)(va & 0xfff);
			if (chunk > to_page)
				chunk = to_page;
			if (view == DBG_VIEW_CURRENT
				    ? !translate_raw(cpu, (uint32_t)va, &pa)
				    : !dbg_translate_view(cpu, view, (uint32_t)va,
							  &pa))
				break;
		}
		if (!ram_span(cpu, pa, &chunk))
			break;
		for (size_t i = 0; i < chunk; i++) {
			uint64_t v = 0;
			if (rbuf) {
				if (!dcache_debug_read(cpu->bus, pa + i, 1, &v)) {
					done += i;
					goto out;
				}
				rbuf[done + i] = (uint8_t)v;
			} else if (!dcache_debug_write(cpu->bus, pa + i, 1,
						       wbuf[done + i])) {
				done += i;
				goto out;
			}
		}
		done += chunk;
	}
out:
	return done;
}

size_t dbg_mem_read(struct cpu *cpu, uint64_t addr, uint8_t *buf, size_t len,
		    bool phys)
{
	return access(cpu, addr, buf, NULL, len,
		      phys ? DBG_VIEW_PHYS : DBG_VIEW_CURRENT);
}

size_t dbg_mem_write(struct cpu *cpu, uint64_t addr, const uint8_t *buf,
		     size_t len, bool phys)
{
	return access(cpu, addr, NULL, buf, len,
		      phys ? DBG_VIEW_PHYS : DBG_VIEW_CURRENT);
}

size_t dbg_mem_read_view(struct cpu *cpu, uint64_t addr, uint8_t *buf,
			 size_t len, enum dbg_view v)
{
	return access(cpu, addr, buf, NULL, len, v);
}

size_t dbg_mem_write_view(struct cpu *cpu, uint64_t addr, const uint8_t *buf,
			  size_t len, enum dbg_view v)
{
	return access(cpu, addr, NULL, buf, len, v);
}
