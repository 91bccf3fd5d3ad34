import { AccountView } from '../account-view/account-view.component.js';
import { AuthView } from '../auth-view/auth-view.component.js';
import { define } from '../base/widget-element.js';
import { ConversationView } from '../conversation-view/conversation-view.component.js';
import { HistoryView } from '../history-view/history-view.component.js';
import { ChatPanel } from './chat-panel.component.js';

// The lazily loaded half of <chat-widget>: importing this module registers its inner elements.
define('chat-widget-panel', ChatPanel);
define('chat-widget-auth', AuthView);
define('chat-widget-conversation', ConversationView);
define('chat-widget-history', HistoryView);
define('chat-widget-account', AccountView);
