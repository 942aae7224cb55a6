namespace WindowsNodeOperator.Sandbox.Hosting.Clock;

/// <summary>A timer of the inner clock whose due times and periods are read on the accelerated one.</summary>
internal sealed class AcceleratedTimer(ITimer inner, AcceleratedTimeProvider clock) : ITimer
{
    public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.ToInner(dueTime), clock.ToInner(period));

    public void Dispose() => inner.Dispose();

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
