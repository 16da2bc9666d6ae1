@ The client's measuring primitives. The counter is read with a single load right
@ before and right after the measured instructions, so the overhead of a measurement
@ is one load, which bench_counter_overhead measures the same way and the client
@ subtracts.
    .syntax unified
    .thumb
    .text

@ uint bench_measure(ThreadRegisters* frame, uint* counter): loads r4-r11 from the
@ frame, traps, stores r4-r11 back and returns the counter's advance across the trap.
@ r1 survives the trap (it is part of the hardware frame).
    .global bench_measure
    .type bench_measure, %function
    .thumb_func
bench_measure:
    push {r4-r11, lr}
    mov r12, r0
    ldmia r12, {r4-r11}
    ldr r2, [r1]
    svc #0
    ldr r3, [r1]
    stmia r12, {r4-r11}
    subs r0, r3, r2
    pop {r4-r11, pc}
    .size bench_measure, . - bench_measure

@ uint bench_measure_interrupt(uint* stir, uint irq, uint* counter): pends `irq`
@ through the NVIC's software trigger register and returns the counter's advance
@ across the interrupt, which the isb makes the core take before the second read.
    .global bench_measure_interrupt
    .type bench_measure_interrupt, %function
    .thumb_func
bench_measure_interrupt:
    ldr r3, [r2]
    str r1, [r0]
    isb
    ldr r12, [r2]
    sub r0, r12, r3
    bx lr
    .size bench_measure_interrupt, . - bench_measure_interrupt

@ uint bench_raise(uint* stir, uint irq, uint* counter): reads the counter (where
@ irq_to_waiting_task's count starts), pends `irq` through the NVIC's software trigger
@ register and returns the value read. The interrupt is taken at once (the isb), and a
@ higher-priority task it wakes runs before the store's next instruction here.
    .global bench_raise
    .type bench_raise, %function
    .thumb_func
bench_raise:
    ldr r3, [r2]
    str r1, [r0]
    isb
    mov r0, r3
    bx lr
    .size bench_raise, . - bench_raise

@ uint bench_counter_overhead(uint* counter): the advance between two loads.
    .global bench_counter_overhead
    .type bench_counter_overhead, %function
    .thumb_func
bench_counter_overhead:
    ldr r2, [r0]
    ldr r3, [r0]
    subs r0, r3, r2
    bx lr
    .size bench_counter_overhead, . - bench_counter_overhead

@ uint bench_wait_for_gap(uint* counter, uint threshold): reads the counter in a
@ tight loop (GapLoopLength instructions a turn: ldr, subs, mov, cmp, bls) until one
@ turn takes longer than `threshold`, which only an interrupt can cause, and returns
@ that turn's length.
    .global bench_wait_for_gap
    .type bench_wait_for_gap, %function
    .thumb_func
bench_wait_for_gap:
    ldr r2, [r0]
1:  ldr r3, [r0]
    subs r12, r3, r2
    mov r2, r3
    cmp r12, r1
    bls 1b
    mov r0, r12
    bx lr
    .size bench_wait_for_gap, . - bench_wait_for_gap
