namespace WindowsNodeOperator.Draining;

/// <summary>Where one drain step left the node.</summary>
internal enum DrainOutcome
{
    /// <summary>Pods still have to leave, and the timeout has not passed: look again soon.</summary>
    Draining,

    /// <summary>Every pod that had to leave is gone.</summary>
    Drained,

    /// <summary>The timeout passed with pods remaining, and the policy says Wait.</summary>
    TimedOut,

    /// <summary>The timeout passed and the remaining pods were deleted, bypassing their budgets.</summary>
    Forced,
}
