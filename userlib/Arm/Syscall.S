@ The task side of the system-call ABI (docs/ipc.md): arguments and results travel
@ in r4-r11, which the kernel's exception entry saves into the thread's TCB.
@ keel_syscall(frame) loads r4-r11 from an 8-word frame, traps, and stores the
@ results back. r12 holds the frame pointer across the trap: the hardware stacks and
@ restores it with the exception frame, even if the thread blocks in between.
    .syntax unified
    .thumb
    .text

    .global keel_syscall
    .type keel_syscall, %function
    .thumb_func
keel_syscall:
    push {r4-r11, lr}
    mov r12, r0
    ldmia r12, {r4-r11}
    svc #0
    stmia r12, {r4-r11}
    pop {r4-r11, pc}
    .size keel_syscall, . - keel_syscall

@ Every task starts here (the build renames the symbol per task), with a fresh
@ stack, fresh .data and r0 = its IPC buffer: it sets up its static fields
@ (corelib Statics.cs), records the IPC buffer (Task.cs) and calls the task's C#
@ entry point. Returning from keel_task_main ends the task (platform call Exit);
@ the kernel never resumes a task that exited, so nothing follows but a trap.
    .global keel_task_start
    .type keel_task_start, %function
    .thumb_func
keel_task_start:
    mov r4, r0
    ldr r0, =__ReadyToRunHeader
    bl keel_initialise_statics
    mov r0, r4
    bl keel_task_set_ipc_buffer
    bl keel_task_main
    bl keel_task_exit
1:  udf #0xfe
    b 1b
    .size keel_task_start, . - keel_task_start

@ The task's panic path ends in a fault, so its supervisor learns of it. r0 is the
@ return address into the method that failed (0 if unknown): put in lr, it is the
@ caller the fault reports.
    .global keel_task_abort
    .type keel_task_abort, %function
    .thumb_func
keel_task_abort:
    cbz r0, 1f
    mov lr, r0
1:  udf #0xff
    b keel_task_abort
    .size keel_task_abort, . - keel_task_abort
