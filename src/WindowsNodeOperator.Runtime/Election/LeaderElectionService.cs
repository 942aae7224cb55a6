using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WindowsNodeOperator.Runtime.Election;

/// <summary>Runs the elector for the life of the host and turns its callbacks into terms of <see cref="LeadershipState"/>.</summary>
internal sealed partial class LeaderElectionService(ILeaderElector elector, LeadershipState state, ILogger<LeaderElectionService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        elector.StartedLeading += OnStarted;
        elector.StoppedLeading += OnStopped;
        elector.NewLeader += OnNewLeader;
        elector.Failed += OnFailed;
        try
        {
            await elector.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            state.Stopped();
            elector.StartedLeading -= OnStarted;
            elector.StoppedLeading -= OnStopped;
            elector.NewLeader -= OnNewLeader;
            elector.Failed -= OnFailed;
        }
    }

    private void OnStarted()
    {
        LogStarted(logger);
        state.Started();
    }

    private void OnStopped()
    {
        LogStopped(logger);
        state.Stopped();
    }

    private void OnNewLeader(string leader) => LogNewLeader(logger, leader);

    // The elector retries every RetryPeriod on its own; without this, a Lease it may not read or write (RBAC) is silent.
    private void OnFailed(Exception e) => LogFailed(logger, e is AggregateException { InnerException: { } inner } ? inner : e);

    [LoggerMessage(3001, LogLevel.Information, "Started leading")]
    private static partial void LogStarted(ILogger logger);

    [LoggerMessage(3002, LogLevel.Warning, "Stopped leading; controllers stop until leadership is won again")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(3003, LogLevel.Information, "Leader is now {Leader}")]
    private static partial void LogNewLeader(ILogger logger, string leader);

    [LoggerMessage(3004, LogLevel.Warning, "Leader election could not read or write its Lease")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
