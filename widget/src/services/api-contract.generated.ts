/**
 * The server's API contract, generated from its OpenAPI document by `npm run contract:generate`.
 * Do not edit: change the server's DTOs and controllers, then regenerate.
 */

export interface paths {
    "/users/me/guest-merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a guest's conversations to the signed-in account
         * @description For sign-ins that did not carry the guest’s session (social sign-in in a popup): the widget sends the guest’s own JWT. Password and host sign-ins merge by themselves. The guest is deleted with the move, so its token works once.
         */
        post: operations["GuestMergeController_merge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["UsersController_me"];
        put?: never;
        post?: never;
        delete: operations["AccountController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ClientConfigController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ConversationsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ConversationsController_get"];
        put?: never;
        post?: never;
        delete: operations["ConversationsController_remove"];
        options?: never;
        head?: never;
        patch: operations["ConversationsController_rename"];
        trace?: never;
    };
    "/conversations/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ConversationsController_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agents/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a message to the agent, in a new or an existing conversation
         * @description With `Accept: text/event-stream` the answer streams as server-sent events: `conversation`, then `delta`s, `sources`, and `done` or `error` (see docs/api.md). Otherwise one JSON result once the agent is done; a failed run is still a 200 whose `assistantMessage.status` is `error`.
         */
        post: operations["ChatController_run"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversations/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a message in an existing conversation
         * @description With `Accept: text/event-stream` the answer streams as server-sent events: `conversation`, then `delta`s, `sources`, and `done` or `error` (see docs/api.md). Otherwise one JSON result once the agent is done; a failed run is still a 200 whose `assistantMessage.status` is `error`.
         */
        post: operations["ChatController_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{id}/continue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Continue a cut answer
         * @description The agent is handed the answer so far and goes on from it, as a new run of the same answer: the `conversation` event names the new run and the same `assistantMessageId`, and the deltas are to be appended to the answer's text so far. With `Accept: text/event-stream` the answer streams as server-sent events: `conversation`, then `delta`s, `sources`, and `done` or `error` (see docs/api.md). Otherwise one JSON result once the agent is done; a failed run is still a 200 whose `assistantMessage.status` is `error`.
         */
        post: operations["ChatController_continueRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AccountController_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messages/{id}/feedback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["FeedbackController_rate"];
        post?: never;
        delete: operations["FeedbackController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/api/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ConsoleController_settings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/api/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ConsoleController_activity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/api/unanswered": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ConsoleController_unanswered"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/api/rated-down": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ConsoleController_ratedDown"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/api/documents/top-cited": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ConsoleController_topCited"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/api/documents/never-cited": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ConsoleController_neverCited"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/api/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ConsoleController_auditLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/api/conversations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ConsoleController_conversation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A run’s state */
        get: operations["RunsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Replay a run’s events, then follow it live
         * @description Server-sent events, the same frames (and ids) as the stream that started the run: from the start, or after `Last-Event-ID`, then live until `done` or `error`, and the stream ends. A finished run replays and ends. Errors before the stream starts (INVALID_LAST_EVENT_ID, LAST_EVENT_ID_OUT_OF_RANGE, RUN_NOT_FOUND) are JSON.
         */
        get: operations["RunsController_events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{id}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop a run, from any tab or device
         * @description Aborts the agent wherever it runs; the partial answer is stored with status `stopped` and every listener gets a final `done` event with it. Answers once that is stored. A run that is over is left as it is (200, its final state).
         */
        post: operations["RunsController_stop"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        MergeGuestDto: {
            /** @description The guest's own API JWT (GET /api/auth/token with the guest's session), proof that the caller holds the guest's session. */
            guestToken: string;
        };
        MergeGuestResultDto: {
            /**
             * @description Conversations moved to the signed-in account; 0 when a concurrent merge took the guest first.
             * @example 2
             */
            conversations: number;
        };
        UserProfileDto: {
            /** Format: uuid */
            id: string;
            email: string | null;
            name: string | null;
            image: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        SignInProviderDto: {
            /**
             * @description Pass to Better Auth as the provider (social) or providerId (OIDC).
             * @example github
             */
            id: string;
            /** @example GitHub */
            name: string;
            /** @enum {string} */
            type: "social" | "oidc";
        };
        /**
         * @description The ways in the site owner offers (AUTH_MODES): the widget shows only these.
         * @enum {string}
         */
        AuthMode: "guest" | "password" | "social" | "host";
        ClientConfigDto: {
            providers: components["schemas"]["SignInProviderDto"][];
            /** @example 8000 */
            messageMaxLength: number;
            /** @description Whether the API accepts the request's Origin (ALLOWED_ORIGINS); true without one. The widget explains a refusal to the site owner. */
            originAllowed: boolean;
            /**
             * @description The ways in the site owner offers (AUTH_MODES): the widget shows only these.
             * @example [
             *       "guest",
             *       "password",
             *       "social"
             *     ]
             */
            authModes: components["schemas"]["AuthMode"][];
        };
        ConversationDto: {
            /** Format: uuid */
            id: string;
            title: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            lastMessageAt: string;
            messageCount: number;
        };
        MessageFeedbackDto: {
            /** @enum {string} */
            rating: "up" | "down";
            /** @enum {string|null} */
            reason: "incorrect" | "incomplete" | "irrelevant" | "bad_sources" | "other" | null;
            comment: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        SourceDto: {
            title: string;
            /**
             * Format: uri
             * @description The page, with the `#anchor` of the passage’s section when it has one.
             */
            url: string;
            snippet: string;
            /** @description Relevance, higher is better. */
            score: number;
            /** @description The passage supporting the answer, plain text (answers stored before citations have none). */
            quote?: string;
            /**
             * Format: uuid
             * @description The knowledge-base chunk it came from.
             */
            chunkId?: string;
            /**
             * Format: uuid
             * @description The knowledge-base document it came from.
             */
            documentId?: string;
            /** @description Whether a `[n]` marker of the answer (n = this source’s 1-based position) cites it; uncited sources are related reading. */
            cited: boolean;
        };
        MessageDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            conversationId: string;
            /** @enum {string} */
            role: "user" | "assistant";
            /** @description Markdown for assistant messages. Untrusted: sanitise before rendering as HTML. */
            content: string;
            sources: components["schemas"]["SourceDto"][];
            /** @enum {string} */
            status: "complete" | "streaming" | "error" | "interrupted" | "stopped";
            errorCode: string | null;
            /** Format: uuid */
            clientMessageId: string | null;
            /**
             * Format: uuid
             * @description For an answer: the user message it replies to.
             */
            replyToId: string | null;
            /**
             * Format: uuid
             * @description For an answer: the run that wrote it, or is writing it while `status` is `streaming` (GET /runs/{id}/events follows it).
             */
            runId: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description Your feedback on this answer; null when you gave none. */
            feedback: components["schemas"]["MessageFeedbackDto"] | null;
        };
        ConversationExportDto: {
            conversation: components["schemas"]["ConversationDto"];
            /** @description Every message, chronological. */
            messages: components["schemas"]["MessageDto"][];
        };
        HighlightDto: {
            start: number;
            end: number;
        };
        SnippetDto: {
            /** @description Plain text around the best match. */
            text: string;
            /** @description Character ranges of `text` that matched. */
            highlights: components["schemas"]["HighlightDto"][];
        };
        ConversationListItemDto: {
            /** Format: uuid */
            id: string;
            title: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            lastMessageAt: string;
            messageCount: number;
            /** @description With `q`: the best matching passage. */
            snippet?: components["schemas"]["SnippetDto"];
        };
        ConversationPageDto: {
            items: components["schemas"]["ConversationListItemDto"][];
            /** @description Pass as `cursor` for the next page; null at the end. */
            nextCursor: string | null;
        };
        ConversationWithMessagesDto: {
            conversation: components["schemas"]["ConversationDto"];
            /** @description Chronological within the page. */
            messages: components["schemas"]["MessageDto"][];
            /** @description Pass as `cursor` for older messages; null at the start. */
            nextCursor: string | null;
        };
        RenameConversationDto: {
            title: string;
        };
        AgentRunResultDto: {
            conversation: components["schemas"]["ConversationDto"];
            userMessage: components["schemas"]["MessageDto"];
            assistantMessage: components["schemas"]["MessageDto"];
        };
        RunConversationEventDto: {
            /** @description The conversation, new or continued. */
            conversation: components["schemas"]["ConversationDto"];
            /** @description The stored user message. */
            userMessage: components["schemas"]["MessageDto"];
            /**
             * Format: uuid
             * @description The id the answer is stored under; later events name it.
             */
            assistantMessageId: string;
            /**
             * Format: uuid
             * @description The run writing the answer: GET /runs/{id}/events replays and follows it (from a `Last-Event-ID`), POST /runs/{id}/stop stops it. Null only when a retried send replays an answer stored before runs existed.
             */
            runId: string | null;
        };
        RunDeltaEventDto: {
            /** Format: uuid */
            messageId: string;
            /** @description The next piece of the answer’s Markdown, to append. */
            text: string;
        };
        RunSourcesEventDto: {
            /** Format: uuid */
            messageId: string;
            /** @description Every source of the answer so far (replaces earlier ones). */
            sources: components["schemas"]["SourceDto"][];
        };
        RunDoneEventDto: {
            /** @description The stored answer: `complete`, or `stopped` (POST /runs/{id}/stop) with the partial text. It holds the whole answer, also when the run used up its events (RUN_EVENTS_MAX) and stopped sending deltas. */
            message: components["schemas"]["MessageDto"];
        };
        RunErrorEventDto: {
            /** Format: uuid */
            messageId: string;
            /**
             * @description Same codes as error bodies; the partial answer is stored with it.
             * @example AGENT_TIMEOUT
             */
            code: string;
            /** @description For people. */
            message: string;
        };
        PageContextDto: {
            /** @description The page the message was sent from, without query string or fragment. */
            url?: string;
            /** @description That page’s title. */
            title?: string;
            /** @description The host page’s own `context`: a string, or a JSON object or array, at most 8192 bytes as JSON. */
            data?: string | {
                [key: string]: unknown;
            } | unknown[];
        };
        RunAgentDto: {
            /** @description The user message, 1..MESSAGE_MAX_LENGTH characters (default 8000). */
            message: string;
            /**
             * Format: uuid
             * @description Set by the client so a retried send is stored once.
             */
            clientMessageId?: string;
            /** @description Where the message was sent from; stored with it and given to the agent. */
            context?: components["schemas"]["PageContextDto"];
            /**
             * Format: uuid
             * @description Continue this conversation; omit to start a new one.
             */
            conversationId?: string;
        };
        SendMessageDto: {
            /** @description The user message, 1..MESSAGE_MAX_LENGTH characters (default 8000). */
            message: string;
            /**
             * Format: uuid
             * @description Set by the client so a retried send is stored once.
             */
            clientMessageId?: string;
            /** @description Where the message was sent from; stored with it and given to the agent. */
            context?: components["schemas"]["PageContextDto"];
        };
        LivenessDto: {
            /** @enum {string} */
            status: "ok";
        };
        ReadinessDto: {
            /** @enum {string} */
            status: "ok";
            /** @enum {string} */
            database: "up";
        };
        SignInMethodDto: {
            /** @description `credential` (password), `host` (the host site), or a social provider id. */
            providerId: string;
            /** @description The person's id at that provider. */
            accountId: string;
            /** Format: date-time */
            createdAt: string;
        };
        SessionExportDto: {
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string;
            ipAddress: string | null;
            userAgent: string | null;
        };
        SignInExportDto: {
            name: string;
            /** @description A placeholder ending in `.invalid` for guests and host-site users. */
            email: string;
            emailVerified: boolean;
            image: string | null;
            /** Format: date-time */
            createdAt: string;
            methods: components["schemas"]["SignInMethodDto"][];
            sessions: components["schemas"]["SessionExportDto"][];
        };
        FeedbackExportDto: {
            /**
             * Format: uuid
             * @description The rated answer (in `conversations`).
             */
            messageId: string;
            /** @enum {string} */
            rating: "up" | "down";
            reason: string | null;
            comment: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        AccountExportDto: {
            /** Format: date-time */
            exportedAt: string;
            profile: components["schemas"]["UserProfileDto"];
            /** @description Null when sign-in is another deployment’s (AUTH_JWKS_URL). */
            signIn: components["schemas"]["SignInExportDto"] | null;
            /** @description Every conversation, oldest first, each with every message and its sources. */
            conversations: components["schemas"]["ConversationExportDto"][];
            /** @description Their ratings of answers, oldest first. */
            feedback: components["schemas"]["FeedbackExportDto"][];
        };
        RateMessageDto: {
            /** @enum {string} */
            rating: "up" | "down";
            /**
             * @description Why the answer was rated down; only with `"rating": "down"`.
             * @enum {string}
             */
            reason?: "incorrect" | "incomplete" | "irrelevant" | "bad_sources" | "other";
            /** @description Free text for the site owner; blank counts as none. */
            comment?: string;
        };
        ConsoleSettingsDto: {
            /** @description The signed-in admin. */
            email: Record<string, never>;
            /** @description ADMIN_SHOW_IDENTITIES: whether the panels show who asked. */
            showIdentities: boolean;
            /** @description ADMIN_LOW_SCORE_THRESHOLD: a best source score under it counts as unanswered. */
            lowScoreThreshold: number;
            /** @description ADMIN_QUESTION_SIMILARITY: how alike (0..1) grouped questions are. */
            questionSimilarity: number;
        };
        ConsoleRangeDto: {
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
        };
        ActivityDayDto: {
            /** Format: date */
            day: string;
            /** @description Conversations started that day. */
            conversations: number;
            /** @description Questions asked (user messages). */
            questions: number;
            /** @description Answers given (agent messages). */
            answers: number;
        };
        ActivityDto: {
            range: components["schemas"]["ConsoleRangeDto"];
            /** @description One entry per UTC day of the range, zeros included. */
            days: components["schemas"]["ActivityDayDto"][];
        };
        AskerDto: {
            email: Record<string, never>;
            name: Record<string, never>;
        };
        FlaggedAnswerDto: {
            /** Format: uuid */
            answerId: string;
            /** Format: uuid */
            conversationId: string;
            question: string;
            /** Format: date-time */
            askedAt: string;
            /** @description Why the answer counts as unanswered. */
            reasons: ("no_source" | "low_score" | "rated_down")[];
            /** @description The best source score; null without a scored source. */
            bestScore: Record<string, never>;
            asker?: components["schemas"]["AskerDto"];
        };
        QuestionGroupDto: {
            /** @description The most asked wording in the group. */
            question: string;
            /** @description Unanswered answers in the group. */
            count: number;
            noSource: number;
            lowScore: number;
            ratedDown: number;
            /** @description The most recent few. */
            examples: components["schemas"]["FlaggedAnswerDto"][];
        };
        UnansweredDto: {
            range: components["schemas"]["ConsoleRangeDto"];
            /** @description Unanswered answers in the range (at most `limit` are read and grouped). */
            total: number;
            /** @description True when the range held more than were grouped (the most recent are kept). */
            truncated: boolean;
            /** @description Largest groups first. */
            groups: components["schemas"]["QuestionGroupDto"][];
        };
        RatedDownAnswerDto: {
            /** Format: uuid */
            answerId: string;
            /** Format: uuid */
            conversationId: string;
            question: Record<string, never>;
            /** @description The answer, cut to 500 characters. */
            answer: string;
            /** @enum {string|null} */
            reason: "incorrect" | "incomplete" | "irrelevant" | "bad_sources" | "other" | null;
            comment: Record<string, never>;
            /** Format: date-time */
            ratedAt: string;
            asker?: components["schemas"]["AskerDto"];
        };
        RatedDownDto: {
            range: components["schemas"]["ConsoleRangeDto"];
            /** @description Newest first. */
            answers: components["schemas"]["RatedDownAnswerDto"][];
        };
        ConsoleDocumentDto: {
            /** Format: uuid */
            documentId: string;
            title: string;
            url: string;
            /** @description The file it was ingested from. */
            path: string;
            /** @description Citations in answers of the range. */
            citations?: number;
            /** @description Answers citing it. */
            answers?: number;
        };
        DocumentsDto: {
            range: components["schemas"]["ConsoleRangeDto"];
            documents: components["schemas"]["ConsoleDocumentDto"][];
        };
        AuditEntryDto: {
            /** Format: uuid */
            id: string;
            /** @description What was done: `conversation.view`. */
            action: string;
            /**
             * Format: uuid
             * @description What it was done to (the conversation).
             */
            targetId: string;
            /** Format: date-time */
            at: string;
            /** @description The admin who did it (null once their account is deleted). */
            adminEmail: Record<string, never>;
        };
        AuditLogDto: {
            range: components["schemas"]["ConsoleRangeDto"];
            /** @description Newest first. */
            entries: components["schemas"]["AuditEntryDto"][];
        };
        ConsoleSourceDto: {
            title: string;
            url: string;
            score: Record<string, never>;
            cited: boolean;
        };
        ConsoleMessageDto: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            role: "user" | "assistant";
            content: string;
            status: string;
            /** Format: date-time */
            createdAt: string;
            sources: components["schemas"]["ConsoleSourceDto"][];
            /** @enum {string|null} */
            rating: "up" | "down" | null;
            reason: Record<string, never> | null;
            comment: Record<string, never> | null;
        };
        ConsoleConversationDto: {
            /** Format: uuid */
            id: string;
            title: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            lastMessageAt: string;
            asker?: components["schemas"]["AskerDto"];
            /** @description Oldest first, at most 500. */
            messages: components["schemas"]["ConsoleMessageDto"][];
        };
        RunDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            conversationId: string;
            /**
             * Format: uuid
             * @description The assistant message the run writes.
             */
            messageId: string;
            /**
             * @description `running` until it ends; `interrupted` when its server went away mid-answer (POST /runs/{id}/continue goes on from the partial answer).
             * @enum {string}
             */
            status: "running" | "complete" | "stopped" | "error" | "interrupted";
            /** @description The id of the last event stored; a `Last-Event-ID` may be at most this. */
            lastEventId: number;
        };
        ErrorBodyDto: {
            /**
             * @description The HTTP status, repeated.
             * @example 404
             */
            statusCode: number;
            /**
             * @description Stable and machine-readable: branch on this, not on `message`. See docs/api.md.
             * @example CONVERSATION_NOT_FOUND
             */
            code: string;
            /** @description For people; may change between versions. */
            message: string;
            /** @description On 5xx: the id to quote when reporting the failure (also in the X-Request-Id header). */
            requestId?: string;
            /** @description When the error lists several problems: one each (`message` joins them). */
            details?: string[];
        };
        /** @description One server-sent event of an agent run: `event` is the SSE event name, `data` its JSON payload; frames also carry an increasing `id`. */
        AgentRunStreamEvent: {
            /** @enum {string} */
            event: "conversation";
            data: components["schemas"]["RunConversationEventDto"];
        } | {
            /** @enum {string} */
            event: "delta";
            data: components["schemas"]["RunDeltaEventDto"];
        } | {
            /** @enum {string} */
            event: "sources";
            data: components["schemas"]["RunSourcesEventDto"];
        } | {
            /** @enum {string} */
            event: "done";
            data: components["schemas"]["RunDoneEventDto"];
        } | {
            /** @enum {string} */
            event: "error";
            data: components["schemas"]["RunErrorEventDto"];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    GuestMergeController_merge: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MergeGuestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MergeGuestResultDto"];
                };
            };
            /** @description VALIDATION_FAILED: guestToken missing, not a JWT, or too long. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description FORBIDDEN: guestToken is not a live guest's token of this server, or the caller is a guest. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    UsersController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserProfileDto"];
                };
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    AccountController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Your account and all its data are deleted; every session and token of it ends. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ClientConfigController_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientConfigDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ConversationsController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description From the previous page’s nextCursor. */
                cursor?: string;
                /** @description Full-text search over titles and message text. */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Your conversations, newest activity first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationPageDto"];
                };
            };
            /** @description VALIDATION_FAILED (a malformed id, query or body) or INVALID_CURSOR. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ConversationsController_get: {
        parameters: {
            query?: {
                limit?: number;
                /** @description From the previous page’s nextCursor (older messages). */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description One of your conversations. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationWithMessagesDto"];
                };
            };
            /** @description VALIDATION_FAILED (a malformed id, query or body) or INVALID_CURSOR. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Not one of your conversations. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ConversationsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description One of your conversations. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted, with its messages. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED (a malformed id, query or body) or INVALID_CURSOR. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Not one of your conversations. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ConversationsController_rename: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description One of your conversations. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RenameConversationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationDto"];
                };
            };
            /** @description VALIDATION_FAILED (a malformed id, query or body) or INVALID_CURSOR. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Not one of your conversations. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ConversationsController_export: {
        parameters: {
            query?: {
                format?: "markdown" | "json";
            };
            header?: never;
            path: {
                /** @description One of your conversations. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The whole conversation as a download (Content-Disposition: attachment). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/markdown": string;
                    "application/json": components["schemas"]["ConversationExportDto"];
                };
            };
            /** @description VALIDATION_FAILED (a malformed id, query or body) or INVALID_CURSOR. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Not one of your conversations. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ChatController_run: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RunAgentDto"];
            };
        };
        responses: {
            /** @description The result, or the stream of its events. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentRunResultDto"];
                    "text/event-stream": components["schemas"]["AgentRunStreamEvent"];
                };
            };
            /** @description VALIDATION_FAILED: a malformed body or id, or a message longer than MESSAGE_MAX_LENGTH. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description EMAIL_NOT_VERIFIED: the account has not confirmed its email address (REQUIRE_EMAIL_VERIFICATION). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description conversationId is not one of yours. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description RUN_IN_PROGRESS: a retried send (same clientMessageId) whose answer is still streaming. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Agent-run rate limit reached; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ChatController_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description One of your conversations. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendMessageDto"];
            };
        };
        responses: {
            /** @description The result, or the stream of its events. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentRunResultDto"];
                    "text/event-stream": components["schemas"]["AgentRunStreamEvent"];
                };
            };
            /** @description VALIDATION_FAILED: a malformed body or id, or a message longer than MESSAGE_MAX_LENGTH. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description EMAIL_NOT_VERIFIED: the account has not confirmed its email address (REQUIRE_EMAIL_VERIFICATION). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Not one of your conversations. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description RUN_IN_PROGRESS: a retried send (same clientMessageId) whose answer is still streaming. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Agent-run rate limit reached; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ChatController_continueRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description One of your runs, `interrupted` or `stopped`, the latest of its answer. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The result, or the stream of its events. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentRunResultDto"];
                    "text/event-stream": components["schemas"]["AgentRunStreamEvent"];
                };
            };
            /** @description VALIDATION_FAILED: a malformed body or id, or a message longer than MESSAGE_MAX_LENGTH. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description EMAIL_NOT_VERIFIED: the account has not confirmed its email address (REQUIRE_EMAIL_VERIFICATION). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description RUN_NOT_FOUND: not one of your runs. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description RUN_NOT_CONTINUABLE: the run is not interrupted or stopped, or a later run wrote its answer. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Agent-run rate limit reached; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is alive. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LivenessDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready to serve traffic. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadinessDto"];
                };
            };
            /** @description DATABASE_UNAVAILABLE: the database is unreachable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    AccountController_export: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Everything stored about you, as a JSON download (Content-Disposition: attachment). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountExportDto"];
                };
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    FeedbackController_rate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description One of your answers (an assistant message). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RateMessageDto"];
            };
        };
        responses: {
            /** @description Stored; it replaces your earlier feedback on this answer. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageFeedbackDto"];
                };
            };
            /** @description VALIDATION_FAILED: a malformed id or body, or a reason with a thumbs up. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description MESSAGE_NOT_FOUND: not one of your messages. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description MESSAGE_NOT_RATEABLE: a message of yours, or an answer still streaming or failed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    FeedbackController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description One of your answers (an assistant message). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Your feedback on this answer is gone (or there was none). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED: a malformed id or body, or a reason with a thumbs up. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description MESSAGE_NOT_FOUND: not one of your messages. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ConsoleController_settings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Who is signed in, and the settings the panels follow. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleSettingsDto"];
                };
            };
            /** @description VALIDATION_FAILED: a malformed date, range or format. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description FORBIDDEN: the account does not have the admin role. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ConsoleController_activity: {
        parameters: {
            query?: {
                /** @description First day (UTC), inclusive; default: 29 days before `to`. */
                from?: string;
                /** @description Last day (UTC), inclusive; default: today. */
                to?: string;
                /** @description `csv`: the whole list as a CSV download. */
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Conversations started, questions and answers per UTC day. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActivityDto"];
                    "text/csv": components["schemas"]["ActivityDto"];
                };
            };
            /** @description VALIDATION_FAILED: a malformed date, range or format. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description FORBIDDEN: the account does not have the admin role. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ConsoleController_unanswered: {
        parameters: {
            query?: {
                /** @description First day (UTC), inclusive; default: 29 days before `to`. */
                from?: string;
                /** @description Last day (UTC), inclusive; default: today. */
                to?: string;
                /** @description `csv`: the whole list as a CSV download. */
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Answers with no source, a low score or a thumbs down, grouped by the wording of their question. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnansweredDto"];
                    "text/csv": components["schemas"]["UnansweredDto"];
                };
            };
            /** @description VALIDATION_FAILED: a malformed date, range or format. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description FORBIDDEN: the account does not have the admin role. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ConsoleController_ratedDown: {
        parameters: {
            query?: {
                /** @description First day (UTC), inclusive; default: 29 days before `to`. */
                from?: string;
                /** @description Last day (UTC), inclusive; default: today. */
                to?: string;
                /** @description `csv`: the whole list as a CSV download. */
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Answers rated down, with the reason and comment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RatedDownDto"];
                    "text/csv": components["schemas"]["RatedDownDto"];
                };
            };
            /** @description VALIDATION_FAILED: a malformed date, range or format. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description FORBIDDEN: the account does not have the admin role. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ConsoleController_topCited: {
        parameters: {
            query?: {
                /** @description First day (UTC), inclusive; default: 29 days before `to`. */
                from?: string;
                /** @description Last day (UTC), inclusive; default: today. */
                to?: string;
                /** @description `csv`: the whole list as a CSV download. */
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Knowledge-base documents most cited in answers, most first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentsDto"];
                    "text/csv": components["schemas"]["DocumentsDto"];
                };
            };
            /** @description VALIDATION_FAILED: a malformed date, range or format. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description FORBIDDEN: the account does not have the admin role. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ConsoleController_neverCited: {
        parameters: {
            query?: {
                /** @description First day (UTC), inclusive; default: 29 days before `to`. */
                from?: string;
                /** @description Last day (UTC), inclusive; default: today. */
                to?: string;
                /** @description `csv`: the whole list as a CSV download. */
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Knowledge-base documents no answer of the range cited. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentsDto"];
                    "text/csv": components["schemas"]["DocumentsDto"];
                };
            };
            /** @description VALIDATION_FAILED: a malformed date, range or format. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description FORBIDDEN: the account does not have the admin role. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ConsoleController_auditLog: {
        parameters: {
            query?: {
                /** @description First day (UTC), inclusive; default: 29 days before `to`. */
                from?: string;
                /** @description Last day (UTC), inclusive; default: today. */
                to?: string;
                /** @description `csv`: the whole list as a CSV download. */
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Who opened which conversation in the console, and when. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditLogDto"];
                    "text/csv": components["schemas"]["AuditLogDto"];
                };
            };
            /** @description VALIDATION_FAILED: a malformed date, range or format. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description FORBIDDEN: the account does not have the admin role. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    ConsoleController_conversation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description One of your conversations. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any conversation, read-only; the view is written to the audit log. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleConversationDto"];
                };
            };
            /** @description VALIDATION_FAILED: a malformed date, range or format. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description FORBIDDEN: the account does not have the admin role. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description CONVERSATION_NOT_FOUND. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    RunsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description One of your runs (the `runId` of a stream’s `conversation` event, or an answer’s `runId`). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunDto"];
                };
            };
            /** @description VALIDATION_FAILED: the id is not a UUID. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description RUN_NOT_FOUND: not one of your runs. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    RunsController_events: {
        parameters: {
            query?: {
                /** @description The same, for clients that cannot set the header; the header wins. */
                lastEventId?: string;
            };
            header?: {
                /** @description Resume after this event id (what EventSource sends on a reconnect). */
                "Last-Event-ID"?: string;
            };
            path: {
                /** @description One of your runs (the `runId` of a stream’s `conversation` event, or an answer’s `runId`). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stream of the run’s events. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["AgentRunStreamEvent"];
                };
            };
            /** @description The run is over and `Last-Event-ID` is its final event: nothing more will come (an EventSource stops reconnecting). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description INVALID_LAST_EVENT_ID (not a whole number ≥ 0), LAST_EVENT_ID_OUT_OF_RANGE (past the run’s last event), VALIDATION_FAILED (id). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description RUN_NOT_FOUND: not one of your runs. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    RunsController_stop: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description One of your runs (the `runId` of a stream’s `conversation` event, or an answer’s `runId`). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunDto"];
                };
            };
            /** @description VALIDATION_FAILED: the id is not a UUID. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Missing, invalid or expired token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description RUN_NOT_FOUND: not one of your runs. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, … */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
}

/** Where the server mounts Better Auth (sign-in, sessions, tokens, JWKS). */
export const AUTH_BASE_PATH = "/api/auth";
