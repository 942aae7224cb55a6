namespace WindowsNodeOperator.Draining;

internal enum DrainOutcome
{
    /// <summary>Every pod that had to leave is gone.</summary>
    Drained,

    /// <summary>The timeout passed with pods remaining, and the policy says Wait.</summary>
    TimedOut,

    /// <summary>The timeout passed and the remaining pods were deleted, bypassing their budgets.</summary>
    Forced,
}
