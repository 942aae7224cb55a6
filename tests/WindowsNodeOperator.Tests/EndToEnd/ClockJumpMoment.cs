namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>When in a rollout <see cref="ClockJumpTests"/> steps the operator's wall clock.</summary>
internal enum ClockJumpMoment
{
    /// <summary>No step: the baseline.</summary>
    Never,

    /// <summary>Ten minutes into a drain the budgets hold.</summary>
    MidDrain,

    /// <summary>Right after a heartbeat of a held drain's lifecycle action, the next one due in half the hook's timeout.</summary>
    AfterHeartbeat,

    /// <summary>Twelve hours into the new AMI's 24-hour soak.</summary>
    MidSoak,

    /// <summary>A minute before the sample's maintenance window opens.</summary>
    BeforeWindow,

    /// <summary>Half an hour into the sample's maintenance window, a refresh running.</summary>
    InsideWindow,
}
