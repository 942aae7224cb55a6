using WindowsNodeOperator.Runtime.Election;

namespace WindowsNodeOperator.Tests.Notifications;

/// <summary>Leadership a test turns on and off; each term has its own token, cancelled when the term ends.</summary>
internal sealed class TestLeadership : ILeadership, IDisposable
{
    private CancellationTokenSource? _term = new();

    public bool IsLeader => _term is not null;

    public Task<CancellationToken> WaitForLeadershipAsync(CancellationToken ct) =>
        _term is { } term ? Task.FromResult(term.Token) : new TaskCompletionSource<CancellationToken>().Task.WaitAsync(ct);

    public void Lose()
    {
        var ended = _term;
        _term = null;
        ended?.Cancel();
        ended?.Dispose();
    }

    public void Win() => _term ??= new CancellationTokenSource();

    public void Dispose() => Lose();
}
