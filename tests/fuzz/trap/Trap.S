@ The fuzzer's own system-call trap: a system call made with a chosen CPU state, for
@ what C# cannot express (Trap.cs is its C# side; hostile/CpuStateAttacks.cs, the client
@ and the bystander use it).
@
@ uint keel_fuzz_trap(ThreadRegisters* frame, uint stackPointer, uint fpSeed, uint options)
@   loads r4-r11 from `frame` (the system-call ABI, docs/abi.md) and traps, then stores
@   r4-r11 back, like userlib's keel_syscall, with these options (Trap.cs names them):
@     FILL_FP        s0-s31 and FPSCR hold a pattern made from fpSeed during the trap;
@                    the result is how many of those 33 registers differ after it
@                    (0 without FILL_FP)
@     MOVE_SP        the stack pointer is `stackPointer` from just before the spin or
@                    the trap to just after it, so the hardware stacks the exception
@                    frame (and any interrupt's frame during the spin) there
@     FP_JUST_BEFORE an FP instruction right before the trap: with the FPU's lazy
@                    stacking, FP state is live and its stacking pending at entry
@     UNDEFINED      an undefined instruction instead of the trap: a fault, not a call
@     FAULT_AFTER    an undefined instruction right after the trap, still on the
@                    moved stack: a system call, then at once a fault
@     bits 8-31      a spin of that many loop iterations on the moved stack before the
@                    trap, for the tick to interrupt
@   Whatever the stack pointer was moved to, this routine reloads the real one (saved
@   in keel_fuzz_trap_state, the task's own RAM) before it touches the stack again, so
@   C# never runs on a chosen stack. A trap or an interrupt whose frame cannot be
@   stacked there is a fault of the task, and its fault handler restarts it: such a
@   call does not come back, and neither does one that faults on purpose.
@
@ uint keel_fuzz_fp_nonzero(void): how many of s0-s31 and FPSCR are not zero. Called
@   first thing after a (re)start, when the kernel must have cleared them all: any
@   other value came from another thread.
    .syntax unified
    .thumb
    .fpu fpv4-sp-d16
    .text

    .equ FILL_FP, 1 << 0
    .equ MOVE_SP, 1 << 1
    .equ FP_JUST_BEFORE, 1 << 2
    .equ UNDEFINED, 1 << 3
    .equ FAULT_AFTER, 1 << 4
    .equ SPIN_SHIFT, 8

@ The pattern: s<n> = fpSeed + n * FP_STEP; FPSCR = fpSeed under FPSCR_WRITABLE (the
@ condition flags, AHP, DN, FZ, the rounding mode and the cumulative exception flags).
    .equ FP_STEP, 0x9E3779B9
    .equ FPSCR_WRITABLE, 0xF7C0009F

@ keel_fuzz_trap_state: the frame, the seed and the options, and the real stack pointer.
    .equ STATE_FRAME, 0
    .equ STATE_SEED, 4
    .equ STATE_OPTIONS, 8
    .equ STATE_STACK_POINTER, 12

    .bss
    .balign 4
keel_fuzz_trap_state:
    .space 16

    .text

@ s0-s31 = \seed + n * FP_STEP, \step holding FP_STEP; \seed is consumed.
    .macro fill_fp seed, step
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    vmov s\n, \seed
    add \seed, \seed, \step
    .endr
    .endm

@ \count += the registers of s0-s31 that differ from \seed + n * FP_STEP; uses \scratch.
    .macro count_fp_differences count, seed, step, scratch
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    vmov \scratch, s\n
    cmp \scratch, \seed
    it ne
    addne \count, \count, #1
    add \seed, \seed, \step
    .endr
    .endm

    .global keel_fuzz_trap
    .type keel_fuzz_trap, %function
    .thumb_func
keel_fuzz_trap:
    push {r4-r11, lr}
    ldr r12, =keel_fuzz_trap_state
    str r0, [r12, #STATE_FRAME]
    str r2, [r12, #STATE_SEED]
    str r3, [r12, #STATE_OPTIONS]
    str sp, [r12, #STATE_STACK_POINTER]
    tst r3, #FILL_FP
    beq 1f
    ldr r4, =FPSCR_WRITABLE
    and r4, r2, r4
    vmsr fpscr, r4
    ldr r4, =FP_STEP
    fill_fp r2, r4
1:  ldmia r0, {r4-r11}
    tst r3, #MOVE_SP
    it ne
    movne sp, r1
    lsrs r2, r3, #SPIN_SHIFT
    beq 3f
2:  subs r2, r2, #1
    bne 2b
3:  tst r3, #FP_JUST_BEFORE
    it ne
    vmovne.f32 s0, s0
    tst r3, #UNDEFINED
    beq 4f
    udf #0x46
4:  svc #0
    ldr r12, =keel_fuzz_trap_state
    ldr r3, [r12, #STATE_OPTIONS]
    tst r3, #FAULT_AFTER
    beq 5f
    udf #0x47
5:  ldr r0, [r12, #STATE_STACK_POINTER]
    mov sp, r0
    ldr r0, [r12, #STATE_FRAME]
    stmia r0, {r4-r11}
    movs r0, #0
    tst r3, #FILL_FP
    beq 6f
    ldr r1, [r12, #STATE_SEED]
    ldr r2, =FPSCR_WRITABLE
    and r4, r1, r2
    vmrs r5, fpscr
    and r5, r5, r2
    cmp r4, r5
    it ne
    addne r0, r0, #1
    ldr r2, =FP_STEP
    count_fp_differences r0, r1, r2, r3
6:  pop {r4-r11, pc}
    .size keel_fuzz_trap, . - keel_fuzz_trap

    .global keel_fuzz_fp_nonzero
    .type keel_fuzz_fp_nonzero, %function
    .thumb_func
keel_fuzz_fp_nonzero:
    vmrs r1, fpscr
    cmp r1, #0
    ite ne
    movne r0, #1
    moveq r0, #0
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    vmov r1, s\n
    cmp r1, #0
    it ne
    addne r0, r0, #1
    .endr
    bx lr
    .size keel_fuzz_fp_nonzero, . - keel_fuzz_fp_nonzero
