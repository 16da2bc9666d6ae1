@ Instructions the fault cases (FaultCases.cs) need and C# cannot be made to emit:
@ a branch into RAM, an LDRD, a UDIV and an undefined instruction.
    .syntax unified
    .thumb
    .text

    .global keel_probe_execute
    .type keel_probe_execute, %function
    .thumb_func
keel_probe_execute:
    orr r0, r0, #1
    bx r0
    .size keel_probe_execute, . - keel_probe_execute

    .global keel_probe_load_pair
    .type keel_probe_load_pair, %function
    .thumb_func
keel_probe_load_pair:
    ldrd r2, r3, [r0]
    bx lr
    .size keel_probe_load_pair, . - keel_probe_load_pair

    .global keel_probe_divide
    .type keel_probe_divide, %function
    .thumb_func
keel_probe_divide:
    udiv r0, r0, r1
    bx lr
    .size keel_probe_divide, . - keel_probe_divide

    .global keel_probe_undefined
    .type keel_probe_undefined, %function
    .thumb_func
keel_probe_undefined:
    udf #0x42
    bx lr
    .size keel_probe_undefined, . - keel_probe_undefined
