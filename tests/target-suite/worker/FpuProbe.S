@ The FPU case's probe (IsolationCases.cs, Probes.cs): C# cannot name registers, so this fills all
@ 32 single-precision registers with a known pattern, yields the CPU through the
@ system-call trap (docs/ipc.md: number in r11, Yield = 9), and counts the registers
@ that came back changed. Another task doing the same in between makes the kernel
@ switch FPU contexts.
@
@ uint keel_fpu_yield_keeping(uint seed): s<n> = seed + n before the yield; returns
@ the number of registers that differ after it.
    .syntax unified
    .thumb
    .fpu fpv4-sp-d16
    .text

    .equ SYSCALL_YIELD, 9

    .global keel_fpu_yield_keeping
    .type keel_fpu_yield_keeping, %function
    .thumb_func
keel_fpu_yield_keeping:
    push {r4-r11, lr}
    vpush {s16-s31}
    mov r1, r0
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    vmov s\n, r1
    add r1, r1, #1
    .endr
    mov r11, #SYSCALL_YIELD
    svc #0
    mov r1, r0
    mov r3, #0
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    vmov r2, s\n
    cmp r2, r1
    it ne
    addne r3, r3, #1
    add r1, r1, #1
    .endr
    mov r0, r3
    vpop {s16-s31}
    pop {r4-r11, pc}
    .size keel_fpu_yield_keeping, . - keel_fpu_yield_keeping
