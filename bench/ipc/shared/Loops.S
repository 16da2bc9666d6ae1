@ The benchmark's helper tasks: each answers one kind of operation for ever, in a
@ loop of a few instructions around `svc #0`, so that a round trip the client
@ measures is the kernel's work plus the bare system-call ABI (docs/abi.md:
@ arguments and results in r4-r11, r11 the number). r0-r3 and r12 are part of the
@ hardware exception frame, so they survive every trap and hold the loops' constants.
    .syntax unified
    .thumb
    .text

    .equ SYS_RECV, 2
    .equ SYS_REPLY, 6
    .equ SYS_REPLY_RECV, 7
    .equ SYS_YIELD, 9
    .equ SYS_WAIT, 11
    .equ SYS_DELETE, 16
    .equ SYS_SEND, 0
    .equ SYS_IRQ_ACK, 19

@ MessageInfo with label 1 and one word (kernel/Message.cs).
    .equ INFO_ONE_WORD, 0x1001
@ The NVIC's software trigger register (app.toml: unprivileged-irq-trigger).
    .equ NVIC_STIR, 0xE000EF00

@ bench_echo_loop(endpoint): receives a request and answers every one with the
@ message it carried (ReplyRecv with the received info, r5, and words, r7-r10 and the
@ IPC buffer, unchanged).
    .global bench_echo_loop
    .type bench_echo_loop, %function
    .thumb_func
bench_echo_loop:
    mov r12, r0
    mov r4, r12
    mov r11, #SYS_RECV
    svc #0
    mov r11, #SYS_REPLY_RECV
1:  mov r4, r12
    svc #0
    b 1b
    .size bench_echo_loop, . - bench_echo_loop

@ bench_reply_then_recv_loop(endpoint): the echo server written with two calls per
@ request, Reply (with the received message) and then Recv, instead of ReplyRecv.
    .global bench_reply_then_recv_loop
    .type bench_reply_then_recv_loop, %function
    .thumb_func
bench_reply_then_recv_loop:
    mov r12, r0
    mov r4, r12
    mov r11, #SYS_RECV
    svc #0
1:  mov r11, #SYS_REPLY
    svc #0
    mov r4, r12
    mov r11, #SYS_RECV
    svc #0
    b 1b
    .size bench_reply_then_recv_loop, . - bench_reply_then_recv_loop

@ bench_cap_echo_loop(endpoint, receiveSlot): like the echo loop, but each request
@ brings a capability into receiveSlot, which is emptied again before the (empty)
@ answer so that the next one can arrive.
    .global bench_cap_echo_loop
    .type bench_cap_echo_loop, %function
    .thumb_func
bench_cap_echo_loop:
    mov r12, r0
    mov r4, r12
    mov r11, #SYS_RECV
    svc #0
1:  mov r4, r1
    mov r11, #SYS_DELETE
    svc #0
    mov r4, r12
    mov r5, #0
    mov r11, #SYS_REPLY_RECV
    svc #0
    b 1b
    .size bench_cap_echo_loop, . - bench_cap_echo_loop

@ bench_receive_loop(endpoint): Recv for ever.
    .global bench_receive_loop
    .type bench_receive_loop, %function
    .thumb_func
bench_receive_loop:
    mov r12, r0
    mov r11, #SYS_RECV
1:  mov r4, r12
    svc #0
    b 1b
    .size bench_receive_loop, . - bench_receive_loop

@ bench_wait_loop(notification): Wait for ever.
    .global bench_wait_loop
    .type bench_wait_loop, %function
    .thumb_func
bench_wait_loop:
    mov r12, r0
    mov r11, #SYS_WAIT
1:  mov r4, r12
    svc #0
    b 1b
    .size bench_wait_loop, . - bench_wait_loop

@ bench_yield_loop(notification): waits for one signal, then Yields for ever.
    .global bench_yield_loop
    .type bench_yield_loop, %function
    .thumb_func
bench_yield_loop:
    mov r4, r0
    mov r11, #SYS_WAIT
    svc #0
    mov r11, #SYS_YIELD
1:  svc #0
    b 1b
    .size bench_yield_loop, . - bench_yield_loop

@ bench_irq_wait_loop(notification, irqHandler, results, counter): waits on the
@ notification an interrupt is routed to; the first instruction after each Wait
@ returns reads the counter (where the interrupt rows' count ends), which it sends
@ (one word, blocking Send) to `results`; then it acknowledges the interrupt and waits
@ again. r0-r3 survive every trap (they are part of the hardware frame).
    .global bench_irq_wait_loop
    .type bench_irq_wait_loop, %function
    .thumb_func
bench_irq_wait_loop:
1:  mov r4, r0
    mov r11, #SYS_WAIT
    svc #0
    ldr r7, [r3]
    mov r4, r2
    movw r5, #INFO_ONE_WORD
    mov r11, #SYS_SEND
    svc #0
    mov r4, r1
    mov r11, #SYS_IRQ_ACK
    svc #0
    b 1b
    .size bench_irq_wait_loop, . - bench_irq_wait_loop

@ bench_raise_loop(go, results, counter, irq): waits for one signal on `go`, then for
@ ever: reads the counter (where irq_preempts_lower's count starts), pends `irq`
@ through STIR (the interrupt is taken at once, and a higher-priority waiter runs
@ before this task's next instruction) and sends the counter value it read to
@ `results` (one word, blocking Send).
    .global bench_raise_loop
    .type bench_raise_loop, %function
    .thumb_func
bench_raise_loop:
    mov r4, r0
    mov r11, #SYS_WAIT
    svc #0
    ldr r12, =NVIC_STIR
1:  ldr r7, [r2]
    str r3, [r12]
    isb
    mov r4, r1
    movw r5, #INFO_ONE_WORD
    mov r11, #SYS_SEND
    svc #0
    b 1b
    .size bench_raise_loop, . - bench_raise_loop
