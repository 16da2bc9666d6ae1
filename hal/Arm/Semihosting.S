@ keel_semihosting_call(operation, parameter): the semihosting trap. The host reads
@ the operation in r0 and its parameter block in r1, and answers in r0.
    .syntax unified
    .thumb
    .text
    .global keel_semihosting_call
    .type keel_semihosting_call, %function
    .thumb_func
keel_semihosting_call:
    bkpt 0xab
    bx lr
    .size keel_semihosting_call, . - keel_semihosting_call
