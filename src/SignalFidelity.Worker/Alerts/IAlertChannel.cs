namespace SignalFidelity.Worker.Alerts;

/// <summary>One way an alert reaches a person. A failure throws; the outbox keeps the message and tries again.</summary>
public interface IAlertChannel
{
    /// <summary>The channel's name in the outbox (<c>slack</c>, <c>email</c>).</summary>
    string Name { get; }

    /// <summary>Sends one message.</summary>
    Task SendAsync(AlertMessage message, CancellationToken cancellationToken);
}
