@ Reset and the vector table: the part of start-up the CPU leaves to assembly.
@
@ The Cortex-M fetches the initial stack pointer and the reset handler from the vector
@ table. Reset copies initialised data from flash to RAM, clears .bss, and calls the
@ image's C# entry point `keel_main` (an [UnmanagedCallersOnly] export), once the
@ image's static fields are set up (corelib Statics.cs). Every other
@ exception defaults to `keel_unhandled_exception(exception number)`, a C# routine
@ that reports it; the kernel port (hal/Port) overrides the vectors it handles (SVC,
@ SysTick, faults, and IRQ_Handler for every external interrupt) with strong
@ definitions. KEEL_IRQ_COUNT (the chip's external interrupt
@ count) is defined by the build from the board description.
    .syntax unified
    .cpu cortex-m4
    .thumb

    .section .vectors, "a", %progbits
    .global keel_vector_table
    .type keel_vector_table, %object
keel_vector_table:
    .word _estack
    .word Reset_Handler
    .word NMI_Handler
    .word HardFault_Handler
    .word MemManage_Handler
    .word BusFault_Handler
    .word UsageFault_Handler
    .word 0, 0, 0, 0
    .word SVC_Handler
    .word DebugMon_Handler
    .word 0
    .word PendSV_Handler
    .word SysTick_Handler
    .rept KEEL_IRQ_COUNT
    .word IRQ_Handler
    .endr
    .size keel_vector_table, . - keel_vector_table

    .text
    .global Reset_Handler
    .type Reset_Handler, %function
    .thumb_func
Reset_Handler:
    ldr r0, =_sidata
    ldr r1, =_sdata
    ldr r2, =_edata
1:  cmp r1, r2
    bhs 2f
    ldr r3, [r0], #4
    str r3, [r1], #4
    b 1b
2:  ldr r1, =_sbss
    ldr r2, =_ebss
    movs r3, #0
3:  cmp r1, r2
    bhs 4f
    str r3, [r1], #4
    b 3b
4:  ldr r0, =__ReadyToRunHeader
    bl keel_initialise_statics
    bl keel_main
5:  wfi
    b 5b
    .size Reset_Handler, . - Reset_Handler

    .type Default_Handler, %function
    .thumb_func
Default_Handler:
    mrs r0, ipsr
    bl keel_unhandled_exception
6:  b 6b
    .size Default_Handler, . - Default_Handler

    .macro weak_vector name
    .weak \name
    .thumb_set \name, Default_Handler
    .endm

    weak_vector NMI_Handler
    weak_vector HardFault_Handler
    weak_vector MemManage_Handler
    weak_vector BusFault_Handler
    weak_vector UsageFault_Handler
    weak_vector SVC_Handler
    weak_vector DebugMon_Handler
    weak_vector PendSV_Handler
    weak_vector SysTick_Handler
    weak_vector IRQ_Handler
