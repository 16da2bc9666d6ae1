@ Reset and the vector table: the part of start-up the CPU leaves to assembly.
@
@ The Cortex-M fetches the initial stack pointer and the reset handler from the vector
@ table. Reset unpacks initialised data from flash to RAM, clears .bss, and calls the
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
    @ Unpack the initial data (.data) from its packed image in flash (the format is
    @ tools/Keel.BuildTool/DataPacking.cs's): per 64-byte block a mask of its non-zero
    @ 8-byte groups, per such group a mask of its non-zero bytes and those bytes.
    ldr r0, =_sidata            @ the packed image
    ldr r1, =_sdata
    ldr r2, =_edata
10: cmp r1, r2                  @ next block
    bhs 2f
    ldrb r3, [r0], #1           @ r3: the block's group mask
    movs r4, #8                 @ r4: groups left in the block
11: lsrs r3, r3, #1             @ C: this group has a non-zero byte
    ite cs
    ldrbcs r5, [r0], #1         @ r5: the group's byte mask
    movcc r5, #0
    movs r6, #8                 @ r6: bytes left in the group
12: cmp r1, r2
    bhs 2f
    lsrs r5, r5, #1             @ C: this byte is non-zero and stored
    ite cs
    ldrbcs r7, [r0], #1
    movcc r7, #0
    strb r7, [r1], #1
    subs r6, r6, #1
    bne 12b
    subs r4, r4, #1
    bne 11b
    b 10b
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
