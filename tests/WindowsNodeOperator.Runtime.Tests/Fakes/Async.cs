using Microsoft.Extensions.Time.Testing;

namespace WindowsNodeOperator.Runtime.Tests.Fakes;

internal static class Async
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Steps the fake clock until <paramref name="task"/> completes: the code under test may not have
    /// started its delay yet when the test first advances, so keep stepping, within a real deadline.
    /// </summary>
    public static async Task<T> AdvanceUntilAsync<T>(this FakeTimeProvider time, Task<T> task, TimeSpan step)
    {
        using var cts = new CancellationTokenSource(Deadline);
        while (!task.IsCompleted)
        {
            cts.Token.ThrowIfCancellationRequested();
            time.Advance(step);
            await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(5), cts.Token));
        }

        return await task;
    }

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Deadline);

    public static Task Within(this Task task) => task.WaitAsync(Deadline);
}
