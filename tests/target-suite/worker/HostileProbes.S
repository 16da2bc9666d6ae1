@ The hostile-state cases' probes (HostileStateCases.cs, Probes.cs): the CPU state an
@ attacker controls and C# cannot name. ILC's code for the workers uses no FPU
@ instruction at all, so the registers keel_fpu_fill leaves stay as they are across
@ the C# (and the system calls) that runs until the next probe.
@
@ keel_fpu_fill(seed): s<n> = seed + n for n = 0..31, FPSCR = FPSCR_PATTERN; from
@   here on the thread has FPU state (CONTROL.FPCA), so its next exception frame is
@   the kind with FP state wherever the kernel lets the hardware stack one.
@ keel_fpu_read(into): into[n] = s<n> for n = 0..31, into[32] = FPSCR.
@ keel_trap_on(stack, call): makes the system call `call` (r4-r11, as userlib's
@   keel_syscall does) with the stack pointer at `stack`, and puts the real stack
@   pointer back when the trap returns (r12 holds it across the trap: the hardware
@   stacks and restores it with the frame, when there is one). An attacker's stack
@   pointer never reaches C#: a trap whose frame cannot be stacked does not return.
@ keel_spin_on(stack): moves the stack pointer to `stack` and spins until the next
@   interrupt preempts it: the exception entry, not a system call, meets the frame.
@ keel_trap_in_it_block(call): makes the system call `call` (r4-r11) with its SVC the
@   first of two instructions in an IT block (the stacked xPSR still has IT state), and
@   returns its r4 (the status).
@ keel_semihosting_exit(): the semihosting call SYS_EXIT (ADP_Stopped_ApplicationExit),
@   which a debugger or an emulator that takes a task's semihosting answers by ending
@   the run; returns if nothing did.
    .syntax unified
    .thumb
    .fpu fpv4-sp-d16
    .text

    @ Every writable FPSCR bit of the Cortex-M4: N Z C V, AHP, DN, FZ, RMode, and the
    @ cumulative exception flags IDC, IXC, UFC, OFC, DZC, IOC.
    .equ FPSCR_PATTERN, 0xF7C0009F

    .equ SEMIHOSTING_SYS_EXIT, 0x18
    .equ SEMIHOSTING_APPLICATION_EXIT, 0x20026

    .global keel_fpu_fill
    .type keel_fpu_fill, %function
    .thumb_func
keel_fpu_fill:
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    vmov s\n, r0
    add r0, r0, #1
    .endr
    ldr r1, =FPSCR_PATTERN
    vmsr fpscr, r1
    bx lr
    .size keel_fpu_fill, . - keel_fpu_fill

    .global keel_fpu_read
    .type keel_fpu_read, %function
    .thumb_func
keel_fpu_read:
    vstmia r0!, {s0-s31}
    vmrs r1, fpscr
    str r1, [r0]
    bx lr
    .size keel_fpu_read, . - keel_fpu_read

    .global keel_trap_on
    .type keel_trap_on, %function
    .thumb_func
keel_trap_on:
    push {r4-r11, lr}
    ldmia r1, {r4-r11}
    mov r12, sp
    mov sp, r0
    svc #0
    mov sp, r12
    pop {r4-r11, pc}
    .size keel_trap_on, . - keel_trap_on

    .global keel_trap_in_it_block
    .type keel_trap_in_it_block, %function
    .thumb_func
keel_trap_in_it_block:
    push {r4-r11, lr}
    ldmia r0, {r4-r11}
    cmp r0, r0
    itt eq
    svceq #0
    moveq r0, r4
    pop {r4-r11, pc}
    .size keel_trap_in_it_block, . - keel_trap_in_it_block

    .global keel_spin_on
    .type keel_spin_on, %function
    .thumb_func
keel_spin_on:
    mov sp, r0
1:  b 1b
    .size keel_spin_on, . - keel_spin_on

    .global keel_semihosting_exit
    .type keel_semihosting_exit, %function
    .thumb_func
keel_semihosting_exit:
    movs r0, #SEMIHOSTING_SYS_EXIT
    ldr r1, =SEMIHOSTING_APPLICATION_EXIT
    bkpt #0xab
    bx lr
    .size keel_semihosting_exit, . - keel_semihosting_exit
