using WindowsNodeOperator.Sandbox.Calls;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// A <c>kill -9</c> of one operator at one call, seen from outside as the sandbox sees it: from the instant the armed
/// <see cref="HoldPoint"/> (the sandbox program's <c>--hold-at</c> vocabulary) matches, nothing that operator sends reaches the cluster or the account again, and when the
/// kill comes after the call, its answer is lost (the call took effect; the process never learned it). The harness then
/// discards the operator's process state (its DI container) and starts a new one.
/// </summary>
internal sealed class KillSwitch
{
    private readonly Lock _gate = new();
    private HoldPoint? _armed;

    /// <summary>Killed: every call fails as on a closed socket.</summary>
    public bool Dead { get; private set; }

    /// <summary>The call it was killed at, as <c>before|after ACTION-OR-PATH</c>.</summary>
    public string? KilledAt { get; private set; }

    public void Arm(HoldPoint point)
    {
        lock (_gate)
        {
            _armed = point;
        }
    }

    /// <summary>Sends <paramref name="request"/> unless killed, killing before or after it when the armed point matches.</summary>
    public async Task<HttpResponseMessage> SendAsync(WireCall request, Func<Task<HttpResponseMessage>> send)
    {
        if (Dead || Matches(request, status: null, afterAnswer: false))
        {
            throw Killed();
        }

        var response = await send();
        if (Matches(request, (int)response.StatusCode, afterAnswer: true))
        {
            response.Dispose();
            throw Killed();
        }

        return response;
    }

    private bool Matches(WireCall call, int? status, bool afterAnswer)
    {
        lock (_gate)
        {
            if (Dead)
            {
                return true;
            }

            if (_armed is not { } point || point.After != afterAnswer || !point.Matches(call with { Status = status }))
            {
                return false;
            }

            Dead = true;
            KilledAt = $"{(afterAnswer ? "after" : "before")} {call.Action ?? call.Method + " " + call.Path}";
            return true;
        }
    }

    private static HttpRequestException Killed() => new(HttpRequestError.ConnectionError, "the operator was killed (kill -9)");
}
