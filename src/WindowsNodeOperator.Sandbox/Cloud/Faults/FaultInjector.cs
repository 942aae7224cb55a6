namespace WindowsNodeOperator.Sandbox.Cloud.Faults;

/// <summary>
/// Per-operation faults switched on and off at run time. Operations are named as IAM names them
/// (<c>autoscaling:StartInstanceRefresh</c>, <c>ec2:DescribeInstances</c>); <c>*</c> matches every operation.
/// </summary>
public sealed class FaultInjector(int seed = 7)
{
    public const string AllOperations = "*";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, FaultRule> _rules = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, AnswerFault> _answers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, long> _spoiled = new(StringComparer.OrdinalIgnoreCase);
    private readonly Random _random = new(seed);

    public void Set(string operation, FaultKind kind, double rate = 1.0, int? remaining = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1.0);
        lock (_lock)
        {
            _rules[operation] = new FaultRule(kind, rate, remaining);
        }
    }

    /// <summary>A fraction <paramref name="rate"/> of the calls fail, each with one of <paramref name="kinds"/> drawn evenly.</summary>
    public void SetMix(string operation, double rate, params FaultKind[] kinds)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1.0);
        ArgumentOutOfRangeException.ThrowIfZero(kinds.Length);
        lock (_lock)
        {
            _rules[operation] = new FaultRule(kinds[0], rate, Among: [.. kinds]);
        }
    }

    public void Clear(string operation)
    {
        lock (_lock)
        {
            _rules.Remove(operation);
        }
    }

    public void ClearAll()
    {
        lock (_lock)
        {
            _rules.Clear();
            _answers.Clear();
        }
    }

    /// <summary>
    /// Every successful answer of <paramref name="operation"/> (named as IAM names it; no <c>*</c>) is spoiled by
    /// <paramref name="fault"/> until <see cref="ClearAnswer"/>: the call itself is served.
    /// </summary>
    public void SetAnswer(string operation, AnswerFault fault)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentNullException.ThrowIfNull(fault);
        lock (_lock)
        {
            _answers[operation] = fault;
        }
    }

    public void ClearAnswer(string operation)
    {
        lock (_lock)
        {
            _answers.Remove(operation);
        }
    }

    /// <summary>How many answers of <paramref name="operation"/> an answer fault changed.</summary>
    public long SpoiledAnswers(string operation)
    {
        lock (_lock)
        {
            return _spoiled.GetValueOrDefault(operation);
        }
    }

    internal AnswerFault? AnswerFaultFor(string operation)
    {
        lock (_lock)
        {
            return _answers.GetValueOrDefault(operation);
        }
    }

    internal void RecordSpoiled(string operation)
    {
        lock (_lock)
        {
            _spoiled[operation] = _spoiled.GetValueOrDefault(operation) + 1;
        }
    }

    /// <summary>Decides whether this call of <paramref name="operation"/> fails, and how.</summary>
    internal FaultKind? Draw(string operation)
    {
        lock (_lock)
        {
            var key = _rules.ContainsKey(operation) ? operation : AllOperations;
            if (!_rules.TryGetValue(key, out var rule) || rule.Remaining is <= 0)
            {
                return null;
            }

            if (rule.Rate < 1.0 && _random.NextDouble() >= rule.Rate)
            {
                return null;
            }

            if (rule.Remaining is { } remaining)
            {
                _rules[key] = rule with { Remaining = remaining - 1 };
            }

            return rule.Among is { Count: > 0 } among ? among[_random.Next(among.Count)] : rule.Kind;
        }
    }

    internal static Exception ToException(string operation, FaultKind kind)
    {
        var service = operation.Split(':')[0];
        return kind switch
        {
            FaultKind.Throttling => service switch
            {
                "ec2" => new SimulatedAwsException("RequestLimitExceeded", 503, "Request limit exceeded."),
                "ssm" => new SimulatedAwsException("ThrottlingException", 400, "Rate exceeded"),
                _ => new SimulatedAwsException("Throttling", 400, "Rate exceeded"),
            },
            FaultKind.InternalError => new SimulatedAwsException("InternalFailure", 500, "The request processing has failed because of an unknown error."),
            FaultKind.ServiceUnavailable => new SimulatedAwsException("ServiceUnavailable", 503, "The service is unavailable. Try again later."),
            FaultKind.AccessDenied => service switch
            {
                "ec2" => new SimulatedAwsException("UnauthorizedOperation", 403, $"You are not authorized to perform this operation. User: arn:aws:iam::111122223333:user/sandbox is not authorized to perform: {operation}"),
                "ssm" => new SimulatedAwsException("AccessDeniedException", 400, $"User: arn:aws:iam::111122223333:user/sandbox is not authorized to perform: {operation}"),
                _ => new SimulatedAwsException("AccessDenied", 403, $"User: arn:aws:iam::111122223333:user/sandbox is not authorized to perform: {operation}"),
            },
            FaultKind.ConnectionReset => new SimulatedConnectionResetException(operation),
            FaultKind.NoAnswer => new SimulatedTimeoutException(operation) { Unanswered = true },
            _ => new SimulatedTimeoutException(operation),
        };
    }
}
