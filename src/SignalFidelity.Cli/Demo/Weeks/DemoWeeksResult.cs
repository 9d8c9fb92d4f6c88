using System.Text.Json.Nodes;
using SignalFidelity.Sandbox.Alerts;
using SignalFidelity.Sandbox.Naive;
using SignalFidelity.Worker.Checks;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Cli.Demo.Weeks;

/// <summary>One simulated week: what the loyalty app overwrote, what the weekly check stored, what reached a person, and the heal if one ran.</summary>
/// <param name="Check">The check as stored in the history (its level, drift and interval).</param>
/// <param name="Report">The check's one-page report.</param>
/// <param name="SlackHeadlines">The Slack messages received after this week's check (their notification text).</param>
/// <param name="EmailSubjects">The subjects of the emails received after this week's check.</param>
public sealed record DemoWeek(int Number, CheckRecord Check, IReadOnlyList<LoyaltyOverwrite> Overwrites, string Report,
    IReadOnlyList<string> SlackHeadlines, IReadOnlyList<string> EmailSubjects, HealResult? Heal);

/// <summary>What the demo's four weeks produced.</summary>
/// <param name="Field">The field the loyalty app overwrote, and its CRM property.</param>
/// <param name="SlackMessages">Every message the Slack webhook received, as posted.</param>
/// <param name="Emails">Every message the SMTP sink received, as sent.</param>
/// <param name="HistoryHtml">after/history.html.</param>
/// <param name="Store">The worker's store holding the history.</param>
public sealed record DemoWeeksResult(OverwrittenField Field, SyncSystem Crm, IReadOnlyList<DemoWeek> Weeks, IReadOnlyList<JsonObject> SlackMessages,
    IReadOnlyList<SmtpReceivedMessage> Emails, string HistoryHtml, string Store);
