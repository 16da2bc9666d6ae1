@ The core library's assembly: what compiled C# needs and C# cannot express.
    .syntax unified
    .thumb

@ System.Math's division helpers, which the ARM32 code generator calls for every
@ integer `/` and `%` (C# cannot emit SDIV/UDIV). C#'s checks come first: a zero
@ divisor, and MinValue / -1 (MinValue % -1 too). A failed check branches (lr kept) to
@ its routine below, so the panic names the method that divided. 32-bit division is
@ the hardware divider's; 64-bit division, which ARMv7-M has no instruction for, goes
@ on in C# (System.Math, the *Checked methods) once the divisor passed.
@ AAPCS: dividend in r0 (r0:r1), divisor in r1 (r2:r3), result in r0 (r0:r1).
    .text
    .macro division_helper name
    .global \name
    .type \name, %function
    .thumb_func
\name:
    .endm

    .macro check_signed_32
    cmp r1, #0
    beq keel_divide_by_zero
    cmn r1, #1
    bne 1f
    cmp r0, #0x80000000
    beq keel_overflow
1:
    .endm

    division_helper keel_div_int32
    check_signed_32
    sdiv r0, r0, r1
    bx lr
    .size keel_div_int32, . - keel_div_int32

    division_helper keel_mod_int32
    check_signed_32
    sdiv r2, r0, r1
    mls r0, r2, r1, r0
    bx lr
    .size keel_mod_int32, . - keel_mod_int32

    division_helper keel_div_uint32
    cmp r1, #0
    beq keel_divide_by_zero
    udiv r0, r0, r1
    bx lr
    .size keel_div_uint32, . - keel_div_uint32

    division_helper keel_mod_uint32
    cmp r1, #0
    beq keel_divide_by_zero
    udiv r2, r0, r1
    mls r0, r2, r1, r0
    bx lr
    .size keel_mod_uint32, . - keel_mod_uint32

@ The hardware divider alone, for the 64-bit division's 32-bit case (its divisor is
@ known not to be 0).
    division_helper keel_udiv
    udiv r0, r0, r1
    bx lr
    .size keel_udiv, . - keel_udiv

@ The divisor r2:r3 is 0, or -1 (both words all ones) with the dividend MinValue.
    .macro check_signed_64
    orrs r12, r2, r3
    beq keel_divide_by_zero
    and r12, r2, r3
    cmn r12, #1
    bne 1f
    cmp r1, #0x80000000
    bne 1f
    cmp r0, #0
    beq keel_overflow
1:
    .endm

    .macro check_unsigned_64
    orrs r12, r2, r3
    beq keel_divide_by_zero
    .endm

    division_helper keel_div_int64
    check_signed_64
    b keel_div_int64_checked
    .size keel_div_int64, . - keel_div_int64

    division_helper keel_mod_int64
    check_signed_64
    b keel_mod_int64_checked
    .size keel_mod_int64, . - keel_mod_int64

    division_helper keel_div_uint64
    check_unsigned_64
    b keel_div_uint64_checked
    .size keel_div_uint64, . - keel_div_uint64

    division_helper keel_mod_uint64
    check_unsigned_64
    b keel_mod_uint64_checked
    .size keel_mod_uint64, . - keel_mod_uint64

@ The checks compiled code makes, as ThrowHelpers binds them: each calls the image's
@ keel_panic (Keel.Runtime.Panic) with its reason and its return address, which lies
@ in the method whose check failed. They are reached by a call (bl) from that method
@ or by a branch that kept its lr (the division helpers above). The reasons are
@ UTF-16 text in flash: a C# string literal would be an object in each image's RAM.
    .macro failed_check name, reason
    .section .rodata.\name, "a"
    .balign 2
.L\name\()_reason:
    .string16 "\reason"
.L\name\()_end:
    .text
    .global \name
    .type \name, %function
    .thumb_func
\name:
    ldr r0, =.L\name\()_reason
    movs r1, #(.L\name\()_end - .L\name\()_reason) / 2 - 1
    mov r2, lr
    b keel_panic
    .ltorg
    .size \name, . - \name
    .endm

    failed_check keel_index_out_of_range, "index out of range"
    failed_check keel_null_reference, "null reference"
    failed_check keel_divide_by_zero, "divide by zero"
    failed_check keel_overflow, "arithmetic overflow"
    failed_check keel_invalid_argument, "invalid argument"
    failed_check keel_argument_out_of_range, "argument out of range"
    failed_check keel_array_type_mismatch, "array type mismatch"
    failed_check keel_invalid_cast, "invalid cast"

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

@ The copy of one reference field within a struct copy, which unoptimised code (the
@ debug build, docs/debugging.md) calls: *r0 = *r1, then both advance a word.
    .global RhpByRefAssignRef
    .type RhpByRefAssignRef, %function
    .thumb_func
RhpByRefAssignRef:
    ldr r2, [r1], #4
    str r2, [r0], #4
    bx lr
    .size RhpByRefAssignRef, . - RhpByRefAssignRef

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

@ 64-bit multiplication (the low 64 bits of the product, which is all `long * long`
@ and `ulong * ulong` keep, signed or not). The ARM32 code generator calls it unless
@ both operands are 32-bit values widened (then it emits UMULL/SMULL itself).
@ AAPCS: a in r0:r1, b in r2:r3; result in r0:r1.
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
