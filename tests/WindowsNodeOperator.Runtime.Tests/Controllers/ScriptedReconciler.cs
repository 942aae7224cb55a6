using System.Threading.Channels;
using k8s.Models;
using WindowsNodeOperator.Runtime.Reconciliation;

namespace WindowsNodeOperator.Runtime.Tests.Controllers;

/// <summary>Records each call (key and fake time) and answers with the next scripted step.</summary>
internal sealed class ReconcileScript(TimeProvider time)
{
    private readonly Queue<Func<ReconcileResult>> _steps = new();

    public Channel<(ObjectKey Key, DateTimeOffset At)> Calls { get; } = Channel.CreateUnbounded<(ObjectKey, DateTimeOffset)>();

    public ReconcileScript Then(Func<ReconcileResult> step)
    {
        lock (_steps)
        {
            _steps.Enqueue(step);
        }

        return this;
    }

    public ReconcileResult Next(ObjectKey key)
    {
        Calls.Writer.TryWrite((key, time.GetUtcNow()));
        lock (_steps)
        {
            return _steps.TryDequeue(out var step) ? step() : ReconcileResult.Done;
        }
    }
}

internal sealed class ScriptedReconciler(ReconcileScript script) : IReconciler<V1Node>
{
    public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct) => Task.FromResult(script.Next(key));
}
