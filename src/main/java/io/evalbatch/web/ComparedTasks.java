package io.evalbatch.web;

/**
 * Which tasks a comparison pairs: both null for every task with its namesake, or one task of
 * each run (two models scored as two tasks of one run: {@code a=RUN&b=RUN&taskA=x&taskB=y}).
 */
record ComparedTasks(String a, String b) {

    static ComparedTasks of(String taskA, String taskB) {
        boolean givenA = taskA != null && !taskA.isBlank();
        boolean givenB = taskB != null && !taskB.isBlank();
        if (givenA != givenB) {
            throw new IllegalArgumentException("give both taskA and taskB, or neither");
        }
        return givenA ? new ComparedTasks(taskA, taskB) : new ComparedTasks(null, null);
    }
}
