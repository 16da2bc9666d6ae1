@ Kernel entry and exit: the context switch, in the only form the CPU allows.
@
@ Every kernel entry from a task (SVC, PendSV, SysTick, an interrupt, a fault) runs
@ the same sequence: the hardware has already stacked r0-r3, r12, lr, pc and xPSR on
@ the task's process stack; here the process stack pointer and EXC_RETURN go into the
@ running thread's ThreadContext, and r4-r11 into its TCB (Tcb.Regs, where the
@ system-call ABI expects them). Then a C# routine runs the kernel and returns the
@ ThreadContext of the thread to run next, and keel_resume restores that thread,
@ switching the FPU registers and the MPU first if it belongs to another task: that is
@ the whole context switch.
@
@ The FPU registers never touch a task's stack. Everything the kernel does with a
@ task's stack pointer it does privileged, where the MPU would let it write anywhere,
@ so the port keeps the FPU out of exception frames altogether (FPCCR.ASPEN and LSPEN
@ are cleared at boot, KernelPort.ConfigureCpu): every frame is the 8-word basic one,
@ stacked by the hardware with the task's own privilege. The FPU register file
@ (s0-s31, FPSCR) belongs to the last task thread resumed, keel_loaded_context; the
@ kernel's code uses no FPU instruction (a firmware test checks the images), so the
@ registers stay that thread's through every kernel entry, and keel_resume moves them
@ to and from ThreadContext.Fpu, in kernel RAM, only when it resumes another task.
@
@ keel_current_context points at the running thread's ThreadContext; keel_resume sets
@ it, and boot sets it once (keel_set_current) before the first entry.
    .syntax unified
    .cpu cortex-m4
    .fpu fpv4-sp-d16
    .thumb

@ ThreadContext (hal/Port/ThreadContext.cs)
    .equ CONTEXT_EXC_RETURN, 4
    .equ CONTEXT_REGISTERS, 8
    .equ CONTEXT_MPU_REGIONS, 12
    .equ CONTEXT_CONTROL, 16
    .equ CONTEXT_FPU, 20

@ MPU_RBAR, followed by RASR and the alias pairs RBAR_A1/RASR_A1 .. RBAR_A3/RASR_A3
@ (ARMv7-M ARM B3.5.9): one 8-word store programs four regions when every RBAR
@ value carries VALID and its region number, as the boot tables' do.
    .equ MPU_RBAR, 0xE000ED9C

    .bss
    .balign 4
keel_current_context:
    .word 0
@ The task thread whose MPU regions and FPU registers are loaded (its ThreadContext),
@ 0 before the first and after that thread was restarted (keel_forget_loaded_context).
keel_loaded_context:
    .word 0
@ Where KernelPort keeps the kernel's state, set once at boot (keel_publish_kernel_state),
@ for `keel inspect` and `keel dump` (docs/debugging.md), which find it by this name:
@ ILC's DWARF gives the state's layout but not reliably where a class's statics lie.
    .global keel_kernel_state
keel_kernel_state:
    .word 0

@ What a task's stack holds where it has never been (keel_paint_stack): `keel inspect
@ stacks` reads this symbol's value and finds each stack's high-water mark by it.
    .global keel_stack_paint
    .equ keel_stack_paint, 0x57AC57AC

    .text

@ Saves the running thread: PSP and EXC_RETURN into its context, r4-r11 into its TCB.
    .macro save_current_thread
    ldr r12, =keel_current_context
    ldr r12, [r12]
    mrs r0, psp
    stmia r12!, {r0, lr}
    ldr r12, [r12]
    stmia r12, {r4-r11}
    .endm

    .macro kernel_entry name, handler
    .global \name
    .type \name, %function
    .thumb_func
\name:
    save_current_thread
.L\name\()_saved:
    bl \handler
    b keel_resume
.L\name\()_end:
    .size \name, . - \name
    .endm

    kernel_entry SVC_Handler, keel_svc_entry
    kernel_entry PendSV_Handler, keel_pendsv_entry
    kernel_entry SysTick_Handler, keel_systick_entry
    kernel_entry IRQ_Handler, keel_irq_entry

@ keel_resume(context): makes the thread of `context` current and returns into it.
@ A null context resumes the current thread as the entry saved it (KernelPort's
@ ResumeCurrent): its MPU regions, CONTROL, FPU registers and PSP are still in force,
@ so only r4-r11 (where the kernel writes results) and EXC_RETURN are reloaded.
@ Idle (no MPU regions) takes over neither the FPU nor the MPU: it uses neither. A
@ task thread other than the loaded one gets its FPU registers (the loaded one's are
@ saved first) and its MPU regions. r4-r11 are free until they are restored, so the
@ MPU regions go through them.
    .type keel_resume, %function
    .thumb_func
keel_resume:
    ldr r1, =keel_current_context
    cbz r0, 3f
    str r0, [r1]
    ldr r2, [r0, #CONTEXT_MPU_REGIONS]
    cbz r2, 2f
    ldr r3, =keel_loaded_context
    ldr r1, [r3]
    cmp r1, r0
    beq 2f
    str r0, [r3]
    cbz r1, 1f
    adds r1, #CONTEXT_FPU
    vstmia r1!, {s0-s31}
    vmrs r12, fpscr
    str r12, [r1]
1:  add r1, r0, #CONTEXT_FPU
    vldmia r1!, {s0-s31}
    ldr r12, [r1]
    vmsr fpscr, r12
    ldr r1, =MPU_RBAR
    ldmia r2!, {r4-r11}
    stmia r1, {r4-r11}
    ldmia r2, {r4-r11}
    stmia r1, {r4-r11}
    @ The new regions must be in force before the task's first access: exception
    @ return synchronises instruction fetch, but the stores may still be in flight.
    dsb
2:  ldr r1, [r0, #CONTEXT_CONTROL]
    msr control, r1
    ldr r1, [r0, #CONTEXT_REGISTERS]
    ldmia r1, {r4-r11}
    ldmia r0, {r0, lr}
    msr psp, r0
    bx lr
3:  ldr r0, [r1]
    ldr r1, [r0, #CONTEXT_REGISTERS]
    ldmia r1, {r4-r11}
    ldr lr, [r0, #CONTEXT_EXC_RETURN]
    bx lr
    .size keel_resume, . - keel_resume

@ keel_forget_loaded_context(context): the thread of `context` was restarted, so the
@ FPU registers it left are not to be kept: the next resume of it loads its context's
@ (cleared) ones instead of saving these over them.
    .global keel_forget_loaded_context
    .type keel_forget_loaded_context, %function
    .thumb_func
keel_forget_loaded_context:
    ldr r3, =keel_loaded_context
    ldr r1, [r3]
    cmp r1, r0
    it eq
    moveq r1, #0
    str r1, [r3]
    bx lr
    .size keel_forget_loaded_context, . - keel_forget_loaded_context

@ Faults. EXC_RETURN bit 2 says which stack the faulting code used: the process
@ stack means a task faulted (save it like any entry, let the kernel deliver the
@ fault, resume whoever is next); the main stack means the kernel itself faulted,
@ which is a panic: keel_kernel_fault gets the stacked frame and never returns.
    .equ KERNEL_FAULT_REPORT_STACK, 512
    .macro fault_entry name, kind
    .global \name
    .type \name, %function
    .thumb_func
\name:
    tst lr, #4
    beq 1f
    save_current_thread
.L\name\()_saved:
    movs r0, #\kind
    bl keel_fault_entry
    b keel_resume
.L\name\()_end:
1:  mrs r0, msp
    @ A frame in the guard, below it, or with less than KERNEL_FAULT_REPORT_STACK
    @ bytes above it means the kernel stack is exhausted: the report runs from the
    @ stack's top instead, far above that frame. Otherwise it runs below the frame,
    @ as usual, so a frame higher up is never overwritten before it is read.
    ldr r3, =keel_main_stack_guard_end
    subs r3, r0, r3
    cmp r3, #KERNEL_FAULT_REPORT_STACK
    bge 3f
    ldr r3, =_estack
    msr msp, r3
3:  movs r1, #\kind
    mov r2, lr
    bl keel_kernel_fault
2:  b 2b
    .size \name, . - \name
    .endm

    fault_entry HardFault_Handler, 3
    fault_entry MemManage_Handler, 4
    fault_entry BusFault_Handler, 5
    fault_entry UsageFault_Handler, 6

@ keel_set_current(context): boot only: the context the first kernel entry saves into
@ (idle's, which that entry then prepares afresh).
    .global keel_set_current
    .type keel_set_current, %function
    .thumb_func
keel_set_current:
    ldr r1, =keel_current_context
    str r0, [r1]
    bx lr
    .size keel_set_current, . - keel_set_current

@ keel_publish_kernel_state(state): boot only (keel_kernel_state above).
    .global keel_publish_kernel_state
    .type keel_publish_kernel_state, %function
    .thumb_func
keel_publish_kernel_state:
    ldr r1, =keel_kernel_state
    str r0, [r1]
    bx lr
    .size keel_publish_kernel_state, . - keel_publish_kernel_state

@ keel_paint_stack(from, to): fills the words from `from` up to `to` with
@ keel_stack_paint (a task's stack below its first frame, when it is (re)started).
    .global keel_paint_stack
    .type keel_paint_stack, %function
    .thumb_func
keel_paint_stack:
    ldr r2, =keel_stack_paint
1:  cmp r0, r1
    it lo
    strlo r2, [r0], #4
    blo 1b
    bx lr
    .size keel_paint_stack, . - keel_paint_stack

@ keel_enter_first_task(): from the boot code (privileged thread mode, main stack).
@ An SVC enters the kernel, which finds no thread running yet and switches to the
@ first one (keel_set_current makes thread mode unprivileged for it); boot never
@ continues. Thread mode stays privileged until then: the SVC's exception frame is
@ stacked with the privilege of the code it interrupts, onto the main stack, which
@ no MPU region grants to unprivileged code. Since boot never continues, its frames
@ are given back first: the main stack starts again at its top, so every kernel
@ entry has all of it but that SVC's frame (what the build's stack analysis assumes,
@ tools/Keel.BuildTool/StackDepth.cs).
    .global keel_enter_first_task
    .type keel_enter_first_task, %function
    .thumb_func
keel_enter_first_task:
    ldr r0, =_estack
    msr msp, r0
    isb
    svc #0
1:  b 1b
    .size keel_enter_first_task, . - keel_enter_first_task

@ Idle: what the CPU runs when no thread can (privileged thread mode, its own small
@ stack); any interrupt enters the kernel, which may then pick a thread.
    .type keel_idle, %function
    .thumb_func
keel_idle:
    wfi
    b keel_idle
    .size keel_idle, . - keel_idle

    .global keel_idle_address
    .type keel_idle_address, %function
    .thumb_func
keel_idle_address:
    ldr r0, =keel_idle
    bx lr
    .size keel_idle_address, . - keel_idle_address

@ The address of the task image records the application's linker script lays out.
@ The main stack's guard (sdk/targets/keel-image.ld), for the MPU region that covers it.
    .global keel_main_stack_guard_address
    .type keel_main_stack_guard_address, %function
    .thumb_func
keel_main_stack_guard_address:
    ldr r0, =keel_main_stack_guard
    bx lr
    .size keel_main_stack_guard_address, . - keel_main_stack_guard_address

    .global keel_task_image_table
    .type keel_task_image_table, %function
    .thumb_func
keel_task_image_table:
    ldr r0, =keel_task_images
    bx lr
    .size keel_task_image_table, . - keel_task_image_table

@ Call frame information for gdb (docs/debugging.md), in .debug_frame, which is not
@ loaded: how to unwind from a kernel entry into the thread it interrupted, so that a
@ backtrace in the kernel goes on into the task. gdb's own Cortex-M exception unwinder
@ cannot do it: the entry keeps EXC_RETURN and the PSP in the thread's context, not in
@ lr, and QEMU's gdb stub does not give gdb the PSP. Once save_current_thread has run
@ (the ranges below start there), keel_current_context -> context -> PSP is the
@ 8-word frame the hardware stacked (r0-r3, r12, lr, pc, xPSR; ASPEN is clear, so never
@ an FP frame), with 4 bytes of padding above it when the stacked xPSR's bit 9 says
@ so; r4-r11 still hold the thread's values, which the kernel's C# code preserves.
@ The CIE's "S" makes each entry a signal frame for gdb: the stacked pc is where the
@ thread resumes, not a return address.
    .section .debug_frame, "", %progbits
    .equ DW_CFA_def_cfa_expression, 0x0f
    .equ DW_CFA_expression, 0x10
    .equ DW_OP_addr, 0x03
    .equ DW_OP_deref, 0x06
    .equ DW_OP_dup, 0x12
    .equ DW_OP_drop, 0x13
    .equ DW_OP_and, 0x1a
    .equ DW_OP_plus, 0x22
    .equ DW_OP_plus_uconst, 0x23
    .equ DW_OP_shl, 0x24
    .equ DW_OP_shr, 0x25
    .equ DW_OP_lit1, 0x31
    .equ DW_OP_lit2, 0x32
    .equ DW_OP_lit9, 0x39

@ Pushes the interrupted thread's PSP (7 bytes).
    .macro thread_psp
    .byte DW_OP_addr
    .4byte keel_current_context
    .byte DW_OP_deref, DW_OP_deref
    .endm

@ DWARF register \reg was stacked by the hardware at PSP + \offset.
    .macro stacked reg, offset
    .byte DW_CFA_expression, \reg, 10, DW_OP_drop
    thread_psp
    .byte DW_OP_plus_uconst, \offset
    .endm

    .macro thread_frame name
    .4byte 3f - 2f
2:  .4byte .Lkernel_entry_cie
    .4byte .L\name\()_saved
    .4byte .L\name\()_end - .L\name\()_saved
    @ The thread's sp: PSP + 32, + 4 if the hardware padded the frame (xPSR bit 9).
    .byte DW_CFA_def_cfa_expression, 20
    thread_psp
    .byte DW_OP_dup, DW_OP_plus_uconst, 28, DW_OP_deref
    .byte DW_OP_lit9, DW_OP_shr, DW_OP_lit1, DW_OP_and, DW_OP_lit2, DW_OP_shl
    .byte DW_OP_plus, DW_OP_plus_uconst, 32
    stacked 0, 0
    stacked 1, 4
    stacked 2, 8
    stacked 3, 12
    stacked 12, 16
    stacked 14, 20
    stacked 15, 24
    .balign 4, 0
3:
    .endm

.Lkernel_entry_cie:
    .4byte 3f - 2f
2:  .4byte 0xffffffff       @ a CIE
    .byte 1                 @ version
    .asciz "S"              @ signal frames
    .uleb128 2              @ code alignment: Thumb
    .sleb128 -4             @ data alignment
    .byte 15                @ return address column: pc
    .balign 4, 0
3:
    thread_frame SVC_Handler
    thread_frame PendSV_Handler
    thread_frame SysTick_Handler
    thread_frame IRQ_Handler
    thread_frame HardFault_Handler
    thread_frame MemManage_Handler
    thread_frame BusFault_Handler
    thread_frame UsageFault_Handler
