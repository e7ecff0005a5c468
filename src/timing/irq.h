/* An interrupt line: a wire from a source (a device, a timer output) to a
 * sink (an interrupt controller input, a core's IRQ/FIQ/VIRQ/VFIQ input).
 * The source raises and lowers it; the sink's callback runs only when the
 * level changes. Lines are level-sensitive; an edge is a raise then a
 * lower. A line whose sink is not connected keeps its level and does
 * nothing. Part of the bottom layer with timing.h. */
#ifndef HYPSIM_IRQ_H
#define HYPSIM_IRQ_H

#include <stdbool.h>

struct irq_line {
	void (*sink)(void *opaque, unsigned n, bool level);
	void *opaque;
	unsigned n; /* the sink's input number */
	bool level;
};

static inline void irq_line_connect(struct irq_line *l,
				    void (*sink)(void *, unsigned, bool),
				    void *opaque, unsigned n)
{
	l->sink = sink;
	l->opaque = opaque;
	l->n = n;
	if (sink && l->level)
		sink(opaque, n, true);
}

static inline void irq_line_set(struct irq_line *l, bool level)
{
	if (l->level == level)
		return;
	l->level = level;
	if (l->sink)
		l->sink(l->opaque, l->n, level);
}

#endif
