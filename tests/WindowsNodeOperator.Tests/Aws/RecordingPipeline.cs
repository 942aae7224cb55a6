using WindowsNodeOperator.Aws.Resilience;

namespace WindowsNodeOperator.Tests.Aws;

/// <summary>Runs each call once, directly, and records which operations were called.</summary>
internal sealed class RecordingPipeline : IAwsCallPipeline
{
    private readonly List<(string Service, string Operation, bool SafeToRepeat)> _calls = [];

    public IReadOnlyList<(string Service, string Operation, bool SafeToRepeat)> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public int Count(string operation) => Calls.Count(c => c.Operation == operation);

    public Task<T> ExecuteAsync<T>(
        string service, string operation, bool safeToRepeat, Func<CancellationToken, Task<T>> attempt, CancellationToken ct)
    {
        lock (_calls)
        {
            _calls.Add((service, operation, safeToRepeat));
        }

        return attempt(ct);
    }
}
