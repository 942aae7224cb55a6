using WindowsNodeOperator.Aws.Resilience;

namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

/// <summary>Runs each call once and remembers how it was marked.</summary>
internal sealed class PassThroughPipeline : IAwsCallPipeline
{
    private readonly List<(string Service, string Operation, bool SafeToRepeat)> _calls = [];

    public IReadOnlyList<(string Service, string Operation, bool SafeToRepeat)> Calls => _calls;

    public Task<T> ExecuteAsync<T>(string service, string operation, bool safeToRepeat, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        _calls.Add((service, operation, safeToRepeat));
        return call(ct);
    }
}
