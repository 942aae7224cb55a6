namespace WindowsNodeOperator.Sandbox.Cloud;

/// <summary>
/// Steps the simulated account on a timer of its own clock, so hooks time out and nodes register even when nobody calls.
/// With a fast clock the sandbox runs a day in minutes; tests may step by hand instead.
/// </summary>
public sealed class SimulatedCloudTicker : IDisposable
{
    private readonly ITimer _timer;

    public SimulatedCloudTicker(SimulatedCloud cloud, TimeProvider time, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        _timer = time.CreateTimer(static state => ((SimulatedCloud)state!).Step(), cloud, period, period);
    }

    public void Dispose() => _timer.Dispose();
}
