namespace SignalFidelity.Connectors.Shopify;

/// <summary>
/// The GraphQL documents the client sends, each with the cost Shopify's calculator gives it (objects 1,
/// connections 2 + first × node cost, mutations 10). The estimate lets the pacer wait before a query
/// the bucket cannot afford; each answer's requestedQueryCost then replaces it.
/// </summary>
internal static class ShopifyQueries
{
    // What the connector itself reads of a customer (identity, tags, the time its facts are true as of);
    // the topology's selection (the generated AdminSelection) is appended, so a field added there is read too.
    private const string OwnFields = """
        id firstName lastName
        defaultEmailAddress { emailAddress }
        defaultPhoneNumber { phoneNumber }
        tags numberOfOrders
        amountSpent { amount currencyCode }
        lastOrder { id createdAt displayFinancialStatus }
        createdAt updatedAt
        """;

    /// <summary>Per customer: the customer, amountSpent, lastOrder, email and phone objects.</summary>
    public const int CustomerNodeCost = 5;

    // GraphQL merges a field selected twice (amountSpent here and in the topology's selection), so the two never conflict.
    private static string Fields(string extraSelection) =>
        OwnFields + "\n" + (string.IsNullOrWhiteSpace(extraSelection) ? string.Empty : extraSelection.Trim() + "\n");

    private static string Fragment(string extraSelection) => "fragment CustomerFields on Customer {\n" + Fields(extraSelection) + "}\n";

    public static string CustomersPage(string extraSelection) => """
        query CustomersPage($first: Int!, $after: String, $query: String) {
          customers(first: $first, after: $after, query: $query) {
            pageInfo { hasNextPage endCursor }
            nodes { ...CustomerFields }
          }
        }
        """ + "\n" + Fragment(extraSelection);

    public static string CustomerById(string extraSelection) => """
        query CustomerById($id: ID!) {
          customer(id: $id) { ...CustomerFields }
        }
        """ + "\n" + Fragment(extraSelection);

    public const string OrdersCount = """
        query OrdersCount($query: String!) {
          ordersCount(query: $query, limit: null) { count precision }
        }
        """;

    /// <summary>The cheapest authenticated read (one object, cost 1): the worker's health check proves the token with it.</summary>
    public const string ShopName = """
        query ShopName {
          shop { name }
        }
        """;

    public const string TagsAdd = """
        mutation TagsAdd($id: ID!, $tags: [String!]!) {
          tagsAdd(id: $id, tags: $tags) { node { id } userErrors { field message } }
        }
        """;

    public const string TagsRemove = """
        mutation TagsRemove($id: ID!, $tags: [String!]!) {
          tagsRemove(id: $id, tags: $tags) { node { id } userErrors { field message } }
        }
        """;

    public const string BulkCustomersRun = """
        mutation BulkCustomersRun($query: String!) {
          bulkOperationRunQuery(query: $query) {
            bulkOperation { id status errorCode objectCount url partialDataUrl }
            userErrors { field message }
          }
        }
        """;

    public const string BulkOperationStatus = """
        query BulkOperationStatus($id: ID!) {
          bulkOperation(id: $id) { id status errorCode objectCount url partialDataUrl }
        }
        """;

    /// <summary>The bulk query itself: every customer, with its orders when asked (children carry __parentId).</summary>
    public static string BulkCustomers(string extraSelection, bool includeOrders) =>
        "{\n  customers {\n    edges { node {\n" + Fields(extraSelection) + (includeOrders ? BulkOrders : string.Empty) + "    } }\n  }\n}\n";

    private const string BulkOrders = """
        orders {
          edges { node {
            id name email createdAt cancelledAt displayFinancialStatus
            totalPriceSet { shopMoney { amount currencyCode } }
            totalRefundedSet { shopMoney { amount currencyCode } }
          } }
        }

        """;
}
