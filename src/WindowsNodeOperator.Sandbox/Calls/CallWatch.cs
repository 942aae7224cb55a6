using System.Security.Cryptography;
using System.Text;

namespace WindowsNodeOperator.Sandbox.Calls;

/// <summary>
/// Sees every call the Kubernetes API server and the AWS front answer. With a <see cref="HoldPoint"/> it stops the world
/// at the first call that matches: it prints <c>held: NAME</c> and never answers that request (for an "after" point,
/// once the call took effect), so a test can kill the caller at that exact step; the request is let go when its client
/// disconnects or the sandbox stops (<paramref name="stopping"/>). With <c>printWrites</c> it prints one <see cref="WireCall.WriteLine"/> per write, naming its client.
/// </summary>
internal sealed class CallWatch(HoldPoint? holdAt, bool printWrites, TextWriter output, CancellationToken stopping = default)
{
    private readonly Lock _gate = new();
    private bool _held;

    /// <summary>Whether calls need to be looked at at all (their bodies read, their answers kept back until seen).</summary>
    public bool IsOn => holdAt is not null || printWrites;

    /// <summary>Whether a write's answer must be kept back until <see cref="AfterAsync"/> has seen it.</summary>
    public bool Wants(string method) => IsOn && method is not ("GET" or "HEAD" or "OPTIONS");

    /// <summary>Holds a call that matches a "before" point; true when it was held (then it must not be applied).</summary>
    public Task<bool> BeforeAsync(WireCall call, CancellationToken ct) =>
        holdAt is { After: false } point && Claim(point, call) ? HoldAsync(point, ct) : Task.FromResult(false);

    /// <summary>Prints a write and holds a call that matches an "after" point; true when held (then its answer must not be sent).</summary>
    public Task<bool> AfterAsync(WireCall call, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (printWrites && call.IsWrite)
        {
            Print(call.WriteLine());
        }

        return holdAt is { After: true } point && Claim(point, call) ? HoldAsync(point, ct) : Task.FromResult(false);
    }

    /// <summary><c>k8s:</c> and a short digest of the bearer token, so two clients can be told apart without printing a secret.</summary>
    public static string KubernetesClient(string? authorization)
    {
        var token = authorization is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        return token is null ? "k8s:anonymous" : "k8s:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..8];
    }

    private bool Claim(HoldPoint point, WireCall call)
    {
        lock (_gate)
        {
            if (_held || !point.Matches(call))
            {
                return false;
            }

            _held = true;
            return true;
        }
    }

    private async Task<bool> HoldAsync(HoldPoint point, CancellationToken ct)
    {
        Print($"held: {point.Name}");
        using var released = CancellationTokenSource.CreateLinkedTokenSource(ct, stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, released.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client went away, or the sandbox stops: the request is dropped unanswered.
        }

        return true;
    }

    private void Print(string line)
    {
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
