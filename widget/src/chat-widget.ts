/** The script-tag entry (`<script type="module" src=".../widget/chat-widget.js">`): registers `<chat-widget>`. */
export * from './define.js';
