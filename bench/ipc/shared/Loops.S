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
