@ The core library's assembly: what compiled C# needs and C# cannot express.
    .syntax unified
    .thumb

@ Hardware integer division for the System.Math helpers. C# cannot emit SDIV/UDIV and
@ the ARM32 code generator calls helpers for `/` and `%`; the helpers check for
@ division by zero and overflow first, then come here.
@ AAPCS: dividend in r0, divisor in r1, quotient in r0.
    .text
    .global keel_sdiv
    .type keel_sdiv, %function
    .thumb_func
keel_sdiv:
    sdiv r0, r0, r1
    bx lr
    .size keel_sdiv, . - keel_sdiv

    .global keel_udiv
    .type keel_udiv, %function
    .thumb_func
keel_udiv:
    udiv r0, r0, r1
    bx lr
    .size keel_udiv, . - keel_udiv

@ Data the generated code reads by symbol.
    .data
    .balign 4
@ The stack-protector canary that methods using stackalloc check on return. A fixed
@ value: it catches accidental overruns, which is all it can do without a source of
@ randomness at reset.
    .global __security_cookie
    .type __security_cookie, %object
__security_cookie:
    .word 0x4b45454c
    .size __security_cookie, 4

@ The runtime's "suspend threads for the GC" flag, polled on return from reverse
@ P/Invokes. There is no GC: it stays zero, so RhpGcPoll is never reached.
    .global RhpTrapThreads
    .type RhpTrapThreads, %object
RhpTrapThreads:
    .word 0
    .size RhpTrapThreads, 4

@ Reference stores into statics, arrays and fields call a GC write barrier. With no GC
@ the barrier is the store itself: *r0 = r1.
    .text
    .global RhpAssignRef
    .type RhpAssignRef, %function
    .thumb_func
RhpAssignRef:
    .global RhpCheckedAssignRef
    .type RhpCheckedAssignRef, %function
    .thumb_func
RhpCheckedAssignRef:
    str r1, [r0]
    bx lr
    .size RhpAssignRef, . - RhpAssignRef
    .size RhpCheckedAssignRef, . - RhpCheckedAssignRef

@ 64-bit shifts. The ARM32 code generator calls these for `long << n`, `long >> n`
@ and `ulong >> n`. AAPCS: value in r0 (low) and r1 (high), count in r2; result in
@ r0:r1. The count is taken modulo 64, as C# defines it. A register-specified shift by
@ 32 yields 0 on ARM, which makes the n == 0 case come out right.
    .text
    .global RhpLLsh
    .type RhpLLsh, %function
    .thumb_func
RhpLLsh:
    and r2, r2, #63
    cmp r2, #32
    bhs 1f
    lsl r1, r1, r2
    rsb r3, r2, #32
    lsr r3, r0, r3
    orr r1, r1, r3
    lsl r0, r0, r2
    bx lr
1:  sub r2, r2, #32
    lsl r1, r0, r2
    movs r0, #0
    bx lr
    .size RhpLLsh, . - RhpLLsh

    .global RhpLRsz
    .type RhpLRsz, %function
    .thumb_func
RhpLRsz:
    and r2, r2, #63
    cmp r2, #32
    bhs 1f
    lsr r0, r0, r2
    rsb r3, r2, #32
    lsl r3, r1, r3
    orr r0, r0, r3
    lsr r1, r1, r2
    bx lr
1:  sub r2, r2, #32
    lsr r0, r1, r2
    movs r1, #0
    bx lr
    .size RhpLRsz, . - RhpLRsz

    .global RhpLRsh
    .type RhpLRsh, %function
    .thumb_func
RhpLRsh:
    and r2, r2, #63
    cmp r2, #32
    bhs 1f
    lsr r0, r0, r2
    rsb r3, r2, #32
    lsl r3, r1, r3
    orr r0, r0, r3
    asr r1, r1, r2
    bx lr
1:  sub r2, r2, #32
    asr r0, r1, r2
    asr r1, r1, #31
    bx lr
    .size RhpLRsh, . - RhpLRsh

@ 64-bit multiplication: the ARM32 code generator calls this for `long * long` (and
@ ulong: the low 64 bits of a product are the same signed or not). AAPCS: a in r0
@ (low) and r1 (high), b in r2 and r3; the product's low 64 bits in r0:r1. The high
@ words only meet the low ones: lo(a)·hi(b) + hi(a)·lo(b) goes to the high word, with
@ the carry of lo(a)·lo(b).
    .text
    .global RhpLMul
    .type RhpLMul, %function
    .thumb_func
RhpLMul:
    mul r3, r0, r3
    mla r1, r1, r2, r3
    umull r0, r2, r0, r2
    add r1, r1, r2
    bx lr
    .size RhpLMul, . - RhpLMul

@ ILC's unwind tables name the ARM EHABI personality routines (pr0 for short
@ frames, pr1 for long ones). Keel never unwinds (failures panic), so the link
@ needs the symbols but nothing ever calls them; if something did, it would stop.
    .text
    .global __aeabi_unwind_cpp_pr0
    .type __aeabi_unwind_cpp_pr0, %function
    .thumb_func
__aeabi_unwind_cpp_pr0:
    .global __aeabi_unwind_cpp_pr1
    .type __aeabi_unwind_cpp_pr1, %function
    .thumb_func
__aeabi_unwind_cpp_pr1:
    b __aeabi_unwind_cpp_pr0
    .size __aeabi_unwind_cpp_pr0, . - __aeabi_unwind_cpp_pr0
    .size __aeabi_unwind_cpp_pr1, . - __aeabi_unwind_cpp_pr1
